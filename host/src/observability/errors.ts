import type { AtriumError } from '@atrium/shared';
import type { LifecycleStep } from '@atrium/shared/internal';
import { createLogger } from '@atrium/shared';

/** An error the shell caught and contained. */
export interface ShellErrorEvent {
  /** The MFE concerned, or undefined for the shell's own config/manifest. */
  readonly mfe: string | undefined;
  readonly step: LifecycleStep | 'config' | 'manifest' | 'auth';
  readonly error: AtriumError;
}

export type ShellErrorListener = (event: ShellErrorEvent) => void;

const log = createLogger('host:errors');

/** Fan-out of contained errors to listeners (monitoring, devtools, tests). */
export class ErrorReporter {
  readonly #listeners = new Set<ShellErrorListener>();
  readonly #history: ShellErrorEvent[] = [];

  /** Subscribes to every contained error; returns the unsubscribe function. */
  on(listener: ShellErrorListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Errors so far, so a listener added late (devtools) still sees what happened at boot. */
  history(): readonly ShellErrorEvent[] {
    return this.#history;
  }

  report(event: ShellErrorEvent): void {
    this.#history.push(event);
    if (this.#history.length > 100) this.#history.shift();
    log.error(event.error.message);
    for (const listener of this.#listeners) {
      // A faulty listener must not take the reporter (or the shell) down with it.
      try {
        listener(event);
      } catch (error) {
        log.error('an error listener threw', error);
      }
    }
  }
}
