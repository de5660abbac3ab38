/** Thrown inside {@link withTimeout}; the caller turns it into the error its users need. */
export class StepTimeout extends Error {
  override name = 'StepTimeout';
  constructor(readonly ms: number) {
    super(`did not settle within ${ms} ms`);
  }
}

/**
 * Races a promise against a timer. The timer is always cleared, so a settled step leaves
 * nothing behind. The loser's later rejection is swallowed: it was already reported as a timeout.
 */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(ms)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
