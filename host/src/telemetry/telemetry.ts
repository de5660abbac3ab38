import { createLogger } from '@atrium/shared';
import type { TelemetrySection } from '../config/telemetry.js';
import { ConfigError, describeError } from '../errors.js';
import { resolveTelemetryOptions } from './options.js';
import type { ResolvedTelemetryOptions } from './options.js';
import { apiSpan } from './api-spans.js';
import type { Fact, FactSink } from './facts.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { mfeForStack } from './attribution.js';
import { errorData, now } from './span-record.js';
import type { SpanRecord, SpanSink } from './span-record.js';

const log = createLogger('host:telemetry');
// User Timing measures the registry and the lifecycle runner record around each step (see
// observability/timing.ts); a widget's instance is `name#n`.
const STEP_MEASURE = /^atrium:(.+?)(?:#\d+)?:(load|bootstrap|mount|unmount|update)$/;
// Until the SDK has loaded; a page that never gets there keeps bounded memory.
const MAX_BUFFERED = 1000;

type ContainedError = { readonly mfe: string | undefined; readonly step: string; readonly error: Error };

/** What the probe hands the recorder: the MFEs shown so far, the error reporter, and its notes. */
export interface ProbeState {
  readonly seen: ReadonlyMap<string, ResolvedEntry>;
  readonly errors: TelemetrySources['errors'];
  readonly facts: Fact[];
  readonly sink: FactSink;
}

/** What the recorder reads from the page: the MFEs it has shown, and its error reporter. */
export interface TelemetrySources {
  /** MFEs that got props so far: name, version and entry URL (attribution by stack). */
  states(): readonly { readonly name: string; readonly version: string; readonly url: string }[];
  /** The page's error reporter (history, then each new one; a bad `telemetry` section is reported there). */
  readonly errors: { history(): readonly ContainedError[]; on(listener: (event: ContainedError) => void): () => void; report(event: { mfe: undefined; step: 'config'; error: ConfigError }): void };
}

/**
 * What the probe calls once this chunk has loaded (after first content): validates the section
 * (a wrong one is reported as a config error and telemetry stays off), takes the probe's notes
 * over and starts the recorder. Undefined when telemetry is off.
 *
 * @example
 * ```ts
 * const telemetry = startRecorder(config.telemetry, { seen, errors, facts, sink });
 * ```
 */
export function startRecorder(section: TelemetrySection, probe: ProbeState, deps: TelemetryDeps = {}): Telemetry | undefined {
  let telemetry: Telemetry | undefined;
  try {
    const options = resolveTelemetryOptions(section.config);
    const states = () => [...probe.seen.values()].map((entry) => ({ name: entry.name, version: entry.version, url: entry.entryUrl.href }));
    telemetry = options && new Telemetry(options, { states, errors: probe.errors }, deps);
  } catch (error) {
    probe.errors.report({ mfe: undefined, step: 'config', error: new ConfigError(`${describeError(error)} — telemetry is off until atrium.config.json is fixed`, { cause: error }) });
  }
  const take = telemetry ? telemetry.take.bind(telemetry) : () => undefined;
  for (const fact of probe.facts.splice(0)) take(fact);
  probe.sink.note = take;
  void telemetry?.start();
  return telemetry;
}

export interface TelemetryDeps {
  /** For tests: the exporter module (default: a dynamic import of the OpenTelemetry SDK). */
  readonly loadSink?: (options: ResolvedTelemetryOptions) => Promise<SpanSink>;
}

/**
 * The recorder of one sampled page load, a lazy chunk loaded after first content (see
 * `start.ts`): it turns lifecycle timings (User Timing measures), contained errors (the page's
 * error reporter), uncaught errors (attributed by stack to the MFE whose code threw), listener
 * errors and API requests into spans, then loads the OpenTelemetry SDK that exports them.
 *
 * @example
 * ```ts
 * const telemetry = new Telemetry(options, { states: () => shown, errors });
 * telemetry.record(span);
 * await telemetry.start();
 * ```
 */
export class Telemetry {
  readonly #options: ResolvedTelemetryOptions;
  readonly #sources: TelemetrySources;
  readonly #deps: TelemetryDeps;
  #buffer: SpanRecord[] = [];
  #sink: SpanSink | undefined;

  constructor(options: ResolvedTelemetryOptions, sources: TelemetrySources, deps: TelemetryDeps = {}) {
    this.#options = options;
    this.#sources = sources;
    this.#deps = deps;
  }

  /** Adds one span (buffered until the SDK has loaded). */
  record(span: SpanRecord): void {
    if (this.#sink) {
      this.#write([span]);
      return;
    }
    this.#buffer.push(span);
    if (this.#buffer.length > MAX_BUFFERED) this.#buffer.shift();
  }

  /** One fact the probe noted: an API request (a client span once it settles), an uncaught or a listener error. */
  take(fact: Fact): void {
    if (fact[0] === 'request') {
      const [, mfe, input, init, startTime, response] = fact;
      void apiSpan({ mfe, input, init, startTime, response }).then((span) => this.record(span));
    } else if (fact[0] === 'listener') this.listenerError(fact[1], fact[2]);
    else this.uncaught(fact[1], fact[2], fact[0]);
  }

  /** Reads what the page recorded so far and what comes, then loads the exporter when the page is idle. */
  async start(): Promise<void> {
    const { errors } = this.#sources;
    for (const event of errors.history()) this.#contained(event);
    errors.on((event) => this.#contained(event));
    this.#observeMeasures();
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
  listenerError(error: unknown, info: { readonly type: string; readonly listener: string; readonly source: string }): void {
    log.error(`mfe '${info.listener}' threw in its '${info.type}' listener (event from '${info.source}'):`, error);
    const at = now();
    this.record({ name: 'atrium.mfe.error', kind: 'internal', startTime: at, endTime: at, mfe: info.listener, attributes: { 'atrium.error.kind': 'event-listener', 'atrium.event.type': info.type, 'atrium.event.source': info.source }, error: errorData(error) });
  }

  /** An error nothing caught: the MFE whose files the stack (or the script URL) points at. */
  uncaught(error: unknown, filename: string | undefined, kind: 'uncaught' | 'unhandledrejection'): void {
    const stack = error instanceof Error ? `${error.stack ?? ''}\n${filename ?? ''}` : filename;
    const mfe = mfeForStack(stack, this.#sources.states());
    const at = now();
    this.record({ name: 'atrium.mfe.error', kind: 'internal', startTime: at, endTime: at, mfe, attributes: { 'atrium.error.kind': kind }, error: errorData(error) });
  }

  /** Sends what is batched now (tests, page hide). */
  async flush(): Promise<void> {
    await this.#sink?.flush();
  }

  #write(records: readonly SpanRecord[]): void {
    const states = this.#sources.states();
    this.#sink?.write(records, (mfe) => states.find((state) => state.name === mfe)?.version);
  }

  // Contained errors: a failed load or lifecycle step, reported with the MFE it belongs to.
  #contained(event: ContainedError): void {
    const at = now();
    this.record({ name: 'atrium.mfe.error', kind: 'internal', startTime: at, endTime: at, mfe: event.mfe, attributes: { 'atrium.mfe.step': event.step, 'atrium.error.kind': event.step === 'load' ? 'load' : 'lifecycle' }, error: errorData(event.error) });
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
