import type { AtriumError } from '@atrium/shared';
import type { MfeStatus } from '@atrium/shared/internal';

/**
 * Where a widget is in its life: the MFE statuses, plus `UPDATING` (new attributes being
 * handed over) and `REFUSED` (this page may not embed widgets, or the config is unusable).
 */
export type WidgetStatus = MfeStatus | 'UPDATING' | 'REFUSED';

/** What the page knows about one `<atrium-widget>` element right now. */
export interface WidgetState {
  /** Unique per element on the page, e.g. `markets#2`. */
  readonly id: string;
  /** The MFE it shows (its `name` attribute). */
  readonly name: string;
  readonly status: WidgetStatus;
  /** The props the MFE was last given (manifest props and attributes). */
  readonly props: Readonly<Record<string, unknown>>;
  readonly lastError?: AtriumError;
}

export type WidgetListener = (state: WidgetState | undefined, id: string) => void;

/** The one place widget states change; a removed element's state is deleted, not kept. */
export class WidgetStore {
  readonly #states = new Map<string, WidgetState>();
  readonly #listeners = new Set<WidgetListener>();

  all(): WidgetState[] {
    return [...this.#states.values()];
  }

  get(id: string): WidgetState | undefined {
    return this.#states.get(id);
  }

  set(id: string, patch: Partial<Omit<WidgetState, 'id'>> & { status: WidgetStatus }): void {
    const previous = this.#states.get(id);
    const next: WidgetState = { id, name: '', props: {}, ...previous, ...patch };
    this.#states.set(id, next);
    this.#emit(next, id);
  }

  delete(id: string): void {
    if (this.#states.delete(id)) this.#emit(undefined, id);
  }

  subscribe(listener: WidgetListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(state: WidgetState | undefined, id: string): void {
    for (const listener of this.#listeners) listener(state, id);
  }
}
