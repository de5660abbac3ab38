import type { TelemetrySection } from '../config/telemetry.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { FIRST_CONTENT_MARK, FIRST_WIDGET_MARK } from '../observability/marks.js';
import type { ErrorReporter } from '../observability/errors.js';
import { observedFetch } from './api-spans.js';
import type { Telemetry } from './telemetry.js';

/** The boot-side half of telemetry: what the page hooks call while the recorder is not loaded. */
export interface TelemetryProbe {
  /** An MFE got props: its name, version and files, for attribution. */
  saw(entry: ResolvedEntry): void;
  /** The `fetch` of one MFE's API clients: each request becomes a client span of that MFE. */
  fetchFor(entry: ResolvedEntry): typeof fetch;
  /** For the event bus: a listener that threw is an error of the MFE that listened. */
  listenerError(error: unknown, info: { readonly type: string; readonly listener: string; readonly source: string }): void;
}

export interface TelemetryStartDeps {
  /** For tests: the sampling draw. */
  readonly random?: () => number;
  /** For tests: the recorder module (default: its lazy chunk). */
  readonly load?: () => Promise<Pick<typeof import('./telemetry.js'), 'startRecorder'>>;
  /** How long to wait for first content before loading the recorder anyway. Default 10 s. */
  readonly firstContentTimeoutMs?: number;
}

// Until the recorder has loaded; a page that never gets there keeps bounded memory.
const MAX_QUEUED = 1000;

/**
 * Telemetry of one page load, or undefined when this page load is not sampled. Before first
 * content only this probe runs: it queues what only it can see (API requests, uncaught errors).
 * After first content it loads the recorder, which reads lifecycle timings and contained errors
 * from where the page keeps them anyway, then the OpenTelemetry SDK.
 *
 * @example
 * ```ts
 * const probe = config.telemetry && startTelemetry(config.telemetry, errors);
 * ```
 */
export function startTelemetry(section: TelemetrySection, errors: ErrorReporter, deps: TelemetryStartDeps = {}): TelemetryProbe | undefined {
  if (!((deps.random ?? Math.random)() < section.sampleRate)) return undefined;
  const seen = new Map<string, { readonly name: string; readonly version: string; readonly url: string }>();
  let queue: ((telemetry: Telemetry) => void)[] | undefined = [];
  let live: Telemetry | undefined;
  const later = (fn: (telemetry: Telemetry) => void) => {
    if (live) fn(live);
    else if (queue && queue.length < MAX_QUEUED) queue.push(fn);
  };
  const uncaught = (error: unknown, filename: string | undefined, kind: 'uncaught' | 'unhandledrejection') => later((t) => t.uncaught(error, filename, kind));
  addEventListener('error', (event) => uncaught(event.error ?? event.message, event.filename, 'uncaught'));
  addEventListener('unhandledrejection', (event) => uncaught(event.reason, undefined, 'unhandledrejection'));

  afterFirstContent(deps.firstContentTimeoutMs ?? 10_000, async () => {
    const module = await (deps.load ?? (() => import('./telemetry.js')))().catch(() => undefined);
    const recorder = module?.startRecorder(section, { states: () => [...seen.values()], errors });
    const queued = queue ?? [];
    queue = undefined;
    if (!recorder) return;
    live = recorder;
    for (const fn of queued) fn(recorder);
    await recorder.start();
  });

  return {
    saw: (entry) => void seen.set(entry.name, { name: entry.name, version: entry.version, url: entry.entryUrl.href }),
    fetchFor: (entry) => observedFetch(entry.name, (request) => later((t) => t.request(request))),
    listenerError: (error, info) => later((t) => t.listenerError(error, info)),
  };
}

/** Runs `fn` once the page shows content (the shell's first route MFE, or embed.js's first widget). */
function afterFirstContent(timeoutMs: number, fn: () => void): void {
  const shown = () => performance.getEntriesByName(FIRST_CONTENT_MARK).length + performance.getEntriesByName(FIRST_WIDGET_MARK).length > 0;
  const observer = new PerformanceObserver(() => shown() && done());
  const timer = setTimeout(() => done(), timeoutMs);
  let pending = true;
  function done() {
    if (!pending) return;
    pending = false;
    observer.disconnect();
    clearTimeout(timer);
    fn();
  }
  observer.observe({ type: 'mark' });
  if (shown()) done();
}
