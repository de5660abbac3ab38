/** Why the current attempt was aborted. */
export type AbortCause = 'caller' | 'total' | 'attempt';

/**
 * The time budget and cancellation of one call: the caller's signals, the total deadline, and a
 * fresh controller per attempt.
 *
 * Plain listeners instead of `AbortSignal.any`: an MFE's mount signal lives for hours and every
 * call would otherwise hang a dependent signal on it.
 */
export class CallScope {
  cause: AbortCause | undefined;
  callerReason: unknown;
  readonly #deadline: number;
  readonly #signals: readonly AbortSignal[];
  readonly #totalTimer: ReturnType<typeof setTimeout>;
  #attempt: AbortController | undefined;
  #attemptTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #waiters = new Set<() => void>();

  constructor(signals: readonly AbortSignal[], totalMs: number) {
    this.#signals = signals;
    this.#deadline = performance.now() + totalMs;
    for (const signal of signals) {
      if (signal.aborted) {
        this.#abort('caller', signal.reason);
        break;
      }
      signal.addEventListener('abort', this.#onCallerAbort);
    }
    this.#totalTimer = setTimeout(() => this.#abort('total'), totalMs);
  }

  /** Milliseconds left of the total budget. */
  remaining(): number {
    return Math.max(0, this.#deadline - performance.now());
  }

  /**
   * A signal for one attempt, aborted by the caller, the total deadline or `attemptMs`. When the
   * total budget ends first, no attempt timer is set, so the failure reads as the total timeout.
   */
  startAttempt(attemptMs: number): AbortSignal {
    this.#endAttempt();
    const controller = new AbortController();
    this.#attempt = controller;
    if (this.cause !== undefined) controller.abort();
    else if (attemptMs < this.remaining()) this.#attemptTimer = setTimeout(() => this.#abortAttempt(), attemptMs);
    return controller.signal;
  }

  /** Waits `ms`, rejecting early when the call is aborted. */
  sleep(ms: number): Promise<void> {
    return this.race(new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }

  /** Settles with `promise`, or rejects as soon as the call is aborted (the promise is abandoned). */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.cause !== undefined) return Promise.reject(this.#abortError());
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(this.#abortError());
      this.#waiters.add(onAbort);
      promise.then(
        (value) => {
          this.#waiters.delete(onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.#waiters.delete(onAbort);
          reject(error);
        },
      );
    });
  }

  /** Clears the attempt's state after it settled, so a timeout does not fire into the next one. */
  settleAttempt(): void {
    this.#endAttempt();
    if (this.cause === 'attempt') this.cause = undefined;
  }

  dispose(): void {
    clearTimeout(this.#totalTimer);
    this.#endAttempt();
    for (const signal of this.#signals) signal.removeEventListener('abort', this.#onCallerAbort);
    this.#waiters.clear();
  }

  readonly #onCallerAbort = (event: Event): void => {
    this.#abort('caller', (event.target as AbortSignal).reason);
  };

  #abort(cause: 'caller' | 'total', reason?: unknown): void {
    if (this.cause === 'caller' || this.cause === 'total') return;
    this.cause = cause;
    this.callerReason = reason;
    this.#attempt?.abort();
    for (const waiter of this.#waiters) waiter();
    this.#waiters.clear();
  }

  #abortAttempt(): void {
    if (this.cause !== undefined) return;
    this.cause = 'attempt';
    this.#attempt?.abort();
  }

  #endAttempt(): void {
    if (this.#attemptTimer !== undefined) clearTimeout(this.#attemptTimer);
    this.#attemptTimer = undefined;
    this.#attempt = undefined;
  }

  #abortError(): Error {
    return new DOMException('The call was aborted', 'AbortError');
  }
}
