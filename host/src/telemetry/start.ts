import type { TelemetrySection } from '../config/telemetry.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { afterFirstContent } from '../observability/timing.js';
import type { ErrorReporter } from '../observability/errors.js';
import type { Fact, FactSink } from './facts.js';

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

/**
 * Telemetry of one page load, or undefined when this page load is not sampled. Before first
 * content only this probe runs — it is on the boot path, so it only notes facts (API requests,
 * uncaught errors) in a bounded list. After first content it loads the recorder, which takes the
 * list over and reads lifecycle timings and contained errors from where the page keeps them
 * anyway, then loads the OpenTelemetry SDK.
 *
 * @example
 * ```ts
 * const probe = config.telemetry && startTelemetry(config.telemetry, errors);
 * ```
 */
export function startTelemetry(section: TelemetrySection, errors: ErrorReporter, deps: TelemetryStartDeps = {}): TelemetryProbe | undefined {
  if (!((deps.random ?? Math.random)() < section.sampleRate)) return undefined;
  const seen = new Map<string, ResolvedEntry>();
  // The recorder replaces `note` when it takes over; until then at most 1,000 facts are kept.
  const facts: Fact[] = [];
  const sink: FactSink = { note: (fact) => void (facts.length < 1000 && facts.push(fact)) };
  addEventListener('error', (event) => sink.note(['uncaught', event.error ?? event.message, event.filename]));
  addEventListener('unhandledrejection', (event) => sink.note(['unhandledrejection', event.reason, undefined]));
  // Once the page shows content (the shell's first route MFE, or embed.js's first widget).
  void afterFirstContent(deps.firstContentTimeoutMs ?? 10_000)
    .then(() => (deps.load ?? (() => import('./telemetry.js')))())
    .then(
      (module) => module.startRecorder(section, { seen, errors, facts, sink }),
      () => (facts.length = 0),
    );
  return {
    saw: (entry) => void seen.set(entry.name, entry),
    fetchFor: (entry) => (input, init) => {
      const startTime = performance.timeOrigin + performance.now();
      const response = fetch(input, init);
      sink.note(['request', entry.name, input, init, startTime, response]);
      return response;
    },
    listenerError: (error, info) => sink.note(['listener', error, info]),
  };
}
