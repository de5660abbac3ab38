/**
 * Follows a shared promise until `signals` abort. Aborting rejects only this follower with the
 * signal's reason; `onLeave` lets the owner of the shared work stop it when nobody follows.
 */
export function followWithSignals<T>(shared: Promise<T>, signals: readonly AbortSignal[], onLeave: () => void): Promise<T> {
  if (signals.length === 0) return shared;
  const aborted = signals.find((signal) => signal.aborted);
  if (aborted !== undefined) {
    onLeave();
    return Promise.reject(abortReason(aborted));
  }
  return new Promise<T>((resolve, reject) => {
    const cleanup = (): void => {
      for (const signal of signals) signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (event: Event): void => {
      cleanup();
      onLeave();
      reject(abortReason(event.target as AbortSignal));
    };
    for (const signal of signals) signal.addEventListener('abort', onAbort);
    shared.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The call was aborted', 'AbortError');
}
