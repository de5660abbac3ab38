/** The Web Lock every tab of this origin takes around a refresh-token exchange. */
export const REFRESH_LOCK = 'atrium-token-refresh';

/**
 * Runs token refreshes one at a time: in this tab (a promise chain) and across tabs (a Web
 * Lock, where the browser has them). Refresh tokens rotate and the IdP revokes the whole grant
 * when an old one is used again, so two exchanges must never race with the same token.
 *
 * @example
 * ```ts
 * const queue = new RefreshQueue();
 * const token = await queue.run(() => exchangeRefreshToken());
 * ```
 */
export class RefreshQueue {
  #tail: Promise<unknown> = Promise.resolve();
  readonly #lockName: string;
  readonly #locks: LockManager | undefined;

  constructor(lockName: string = REFRESH_LOCK, locks: LockManager | undefined = globalThis.navigator?.locks) {
    this.#lockName = lockName;
    this.#locks = locks;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    const locks = this.#locks;
    const next = this.#tail.then((): Promise<T> => (locks ? (locks.request(this.#lockName, { mode: 'exclusive' }, task) as Promise<T>) : task()));
    this.#tail = next.catch(() => undefined);
    return next;
  }
}
