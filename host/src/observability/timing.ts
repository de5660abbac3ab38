import type { LifecycleStep } from '@atrium/shared/internal';

/**
 * Records a User Timing measure `atrium:<name>:<step>` around a step and returns its duration.
 * Performance tools, the bench and the devtools overlay all read these names.
 */
export async function timed<T>(name: string, step: LifecycleStep, work: () => Promise<T>, onDone: (ms: number) => void): Promise<T> {
  const label = `atrium:${name}:${step}`;
  const start = performance.now();
  try {
    return await work();
  } finally {
    // Only the latest measure per MFE and step is kept: the buffer would otherwise grow with
    // every route change for as long as the page lives. (A profiler recording sees them all.)
    performance.clearMeasures(label);
    onDone(performance.measure(label, { start, end: performance.now() }).duration);
  }
}

/** A one-off mark, e.g. `atrium:boot` or `atrium:first-mount`. */
export function mark(label: string, detail?: unknown): void {
  performance.mark(label, detail === undefined ? undefined : { detail });
}

/**
 * Resolves when the page is next idle (at most `timeoutMs` later): where work that must not
 * delay first content goes — validating the rest of the manifest, dropping stale overrides.
 */
export function whenIdle(timeoutMs = 500): Promise<void> {
  return new Promise((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: timeoutMs }) : setTimeout(resolve, 0)));
}
