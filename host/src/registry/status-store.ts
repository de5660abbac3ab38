import type { LifecycleStep, MfeStatus } from '@atrium/shared/internal';
import type { AtriumError } from '@atrium/shared';

/** What the host knows about one MFE right now. */
export interface MfeState {
  readonly name: string;
  readonly status: MfeStatus;
  readonly version: string;
  readonly url: string;
  readonly attempt: number;
  readonly lastError?: AtriumError;
  /** ms per step of the latest run, from the User Timing measures. */
  readonly timings: Readonly<Partial<Record<LifecycleStep, number>>>;
}

export type StateListener = (state: MfeState, previous: MfeState | undefined) => void;

/**
 * The one place MFE states change. Everything that shows or reacts to a state (fallbacks,
 * devtools, tests) subscribes here instead of asking single-spa, which has no error detail.
 */
export class StatusStore {
  readonly #states = new Map<string, MfeState>();
  readonly #listeners = new Set<StateListener>();

  get(name: string): MfeState | undefined {
    return this.#states.get(name);
  }

  all(): MfeState[] {
    return [...this.#states.values()];
  }

  set(name: string, patch: Partial<Omit<MfeState, 'name'>> & { status: MfeStatus }): MfeState {
    const previous = this.#states.get(name);
    const next: MfeState = {
      name,
      version: '',
      url: '',
      attempt: 0,
      timings: {},
      ...previous,
      ...patch,
    };
    this.#states.set(name, next);
    for (const listener of this.#listeners) listener(next, previous);
    return next;
  }

  subscribe(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
