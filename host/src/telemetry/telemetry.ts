import { createLogger } from '@atrium/shared';
import { FIRST_CONTENT_MARK } from '../observability/marks.js';
import { tracedFetch } from './api-spans.js';
import { mfeForStack } from './attribution.js';
import type { ResolvedTelemetryOptions } from './options.js';
import { errorData, now } from './span-record.js';
import type { SpanRecord, SpanSink } from './span-record.js';

const log = createLogger('host:telemetry');
// User Timing measures the lifecycle runner records around each step (see observability/timing.ts).
const STEP_MEASURE = /^atrium:(.+):(load|bootstrap|mount|unmount|update)$/;
// Until the SDK has loaded; a page that never gets there keeps bounded memory.
const MAX_BUFFERED = 1000;

/** What telemetry reads from the shell (a subset of `window.atrium`). */
export interface TelemetrySources {
  states(): readonly { readonly name: string; readonly version: string; readonly url: string }[];
  onError(listener: (event: { readonly mfe: string | undefined; readonly step: string; readonly error: Error }) => void): () => void;
  errors(): readonly { readonly mfe: string | undefined; readonly step: string; readonly error: Error }[];
  readonly ready: Promise<void>;
}

export interface TelemetryDeps {
  /** For tests: the sampling draw. */
  readonly random?: () => number;
  /** For tests: the exporter module (default: a dynamic import of the OpenTelemetry SDK). */
  readonly loadSink?: (options: ResolvedTelemetryOptions) => Promise<SpanSink>;
  /** How long to wait for first content before loading the SDK anyway. Default 10 s. */
  readonly firstContentTimeoutMs?: number;
}

/**
 * Per-MFE telemetry of one page load. Small and on the boot path only when a deployment turns it
 * on: it records lifecycle timings, lifecycle and uncaught errors (attributed to the MFE whose
 * code threw) and API requests, and loads the OpenTelemetry SDK that exports them only after
 * first content. Sampled per page load: an unsampled page records and loads nothing.
 *
 * @example
 * ```ts
 * const telemetry = options && new Telemetry(options);
 * // props: apis built with fetch: telemetry?.fetchFor(entry.name)
 * void telemetry?.start(window.atrium);
 * ```
 */
export class Telemetry {
  /** Whether this page load's spans are exported. */
  readonly sampled: boolean;
  readonly #options: ResolvedTelemetryOptions;
  readonly #deps: TelemetryDeps;
  #buffer: SpanRecord[] = [];
  #sink: SpanSink | undefined;
  #sources: TelemetrySources | undefined;

  constructor(options: ResolvedTelemetryOptions, deps: TelemetryDeps = {}) {
    this.#options = options;
    this.#deps = deps;
    this.sampled = (deps.random ?? Math.random)() < options.sampleRate;
  }

  /** A `fetch` recording one MFE's API requests; undefined when this page is not sampled. */
  fetchFor(mfe: string): typeof fetch | undefined {
    return this.sampled ? tracedFetch(mfe, (span) => this.record(span)) : undefined;
  }

  /** Adds one span (buffered until the SDK has loaded). */
  record(span: SpanRecord): void {
    if (!this.sampled) return;
    if (this.#sink) {
      this.#write([span]);
      return;
    }
    this.#buffer.push(span);
    if (this.#buffer.length > MAX_BUFFERED) this.#buffer.shift();
  }

  /** Starts listening to the shell and, after first content, loads the exporter. */
  async start(sources: TelemetrySources): Promise<void> {
    if (!this.sampled) return;
    this.#sources = sources;
    for (const event of sources.errors()) this.#lifecycleError(event);
    sources.onError((event) => this.#lifecycleError(event));
    window.addEventListener('error', (event) => this.#uncaught(event.error ?? event.message, event.filename, 'uncaught'));
    window.addEventListener('unhandledrejection', (event) => this.#uncaught(event.reason, undefined, 'unhandledrejection'));
    this.#observeMeasures();
    await sources.ready;
    await this.#firstContent();
    await idle();
    try {
      this.#sink = await (this.#deps.loadSink ?? loadSdk)(this.#options);
    } catch (error) {
      log.warn('the telemetry exporter could not be loaded; this page sends no spans', error);
      this.#buffer = [];
      return;
    }
    const buffered = this.#buffer;
    this.#buffer = [];
    this.#write(buffered);
    // A hidden page may never come back: send what is batched while the browser still lets us.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.#sink?.flush();
    });
  }

  /**
   * For the event bus: a listener that threw, as an error span of the MFE that listened (its code
   * threw, not the emitter's). Also logged, as the bus does by default.
   */
  readonly listenerError = (error: unknown, info: { readonly type: string; readonly listener: string; readonly source: string }): void => {
    log.error(`mfe '${info.listener}' threw in its '${info.type}' listener (event from '${info.source}'):`, error);
    const at = now();
    this.record({ name: 'atrium.mfe.error', kind: 'internal', startTime: at, endTime: at, mfe: info.listener, attributes: { 'atrium.error.kind': 'event-listener', 'atrium.event.type': info.type, 'atrium.event.source': info.source }, error: errorData(error) });
  };

  /** Sends what is batched now (tests, page hide). */
  async flush(): Promise<void> {
    await this.#sink?.flush();
  }

  #write(records: readonly SpanRecord[]): void {
    const states = this.#sources?.states() ?? [];
    this.#sink?.write(records, (mfe) => states.find((state) => state.name === mfe)?.version);
  }

  #lifecycleError(event: { readonly mfe: string | undefined; readonly step: string; readonly error: Error }): void {
    const at = now();
    this.record({ name: 'atrium.mfe.error', kind: 'internal', startTime: at, endTime: at, mfe: event.mfe, attributes: { 'atrium.mfe.step': event.step, 'atrium.error.kind': 'lifecycle' }, error: errorData(event.error) });
  }

  #uncaught(error: unknown, filename: string | undefined, kind: 'uncaught' | 'unhandledrejection'): void {
    const stack = error instanceof Error ? `${error.stack ?? ''}\n${filename ?? ''}` : filename;
    const mfe = mfeForStack(stack, this.#sources?.states() ?? []);
    const at = now();
    this.record({ name: 'atrium.mfe.error', kind: 'internal', startTime: at, endTime: at, mfe, attributes: { 'atrium.error.kind': kind }, error: errorData(error) });
  }

  #observeMeasures(): void {
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const match = STEP_MEASURE.exec(entry.name);
        if (!match) continue;
        const startTime = performance.timeOrigin + entry.startTime;
        this.record({ name: `atrium.mfe.${match[2] ?? 'step'}`, kind: 'internal', startTime, endTime: startTime + entry.duration, mfe: match[1], attributes: { 'atrium.mfe.step': match[2] ?? '' } });
      }
    });
    observer.observe({ type: 'measure', buffered: true });
  }

  #firstContent(): Promise<void> {
    if (performance.getEntriesByName(FIRST_CONTENT_MARK).length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.#deps.firstContentTimeoutMs ?? 10_000);
      const observer = new PerformanceObserver(() => {
        if (performance.getEntriesByName(FIRST_CONTENT_MARK).length > 0) done();
      });
      observer.observe({ type: 'mark' });
      function done() {
        clearTimeout(timer);
        observer.disconnect();
        resolve();
      }
    });
  }
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 0);
  });
}

/** The OpenTelemetry SDK, as its own chunk: never on the boot path. */
async function loadSdk(options: ResolvedTelemetryOptions): Promise<SpanSink> {
  const { createSpanSink } = await import('./exporter.js');
  return createSpanSink(options);
}
