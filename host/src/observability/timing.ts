import type { LifecycleStep } from '@atrium/shared/internal';
import { FIRST_CONTENT_MARK, FIRST_WIDGET_MARK } from './marks.js';

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

/**
 * Resolves once the page shows content (the shell's first route MFE, or embed.js's first
 * widget), or after `timeoutMs` when it never does (a not-found route, every MFE failing): where
 * work goes that the visitor must not wait for but that should not wait for idleness either.
 */
export function afterFirstContent(timeoutMs: number): Promise<void> {
  const shown = () => performance.getEntriesByName(FIRST_CONTENT_MARK).length + performance.getEntriesByName(FIRST_WIDGET_MARK).length > 0;
  if (shown()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new PerformanceObserver(() => shown() && done());
    const timer = setTimeout(done, timeoutMs);
    observer.observe({ type: 'mark' });
  });
}
