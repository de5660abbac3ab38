import type { ScopedEvents } from '@atrium/shared';
import { loadPayloadCheck, pageEventBus } from '@atrium/shared/internal';
import type { StepHooks } from '../lifecycle/index.js';
import type { ResolvedEntry } from '../manifest/index.js';
import type { RemoteLoadError } from '../errors.js';
import type { ResolvedHostConfig } from '../config/config.js';
import type { ErrorReporter } from '../observability/errors.js';
import { startTelemetry } from '../telemetry/start.js';
import type { TelemetryProbe } from '../telemetry/start.js';

/**
 * Where other concerns plug into every page, shell and widgets alike: props every MFE receives
 * besides the contract's (the events bus), step hooks, an MFE's API `fetch` (telemetry), and a
 * second chance when an MFE's files cannot be loaded (re-resolve its release). Each is called
 * from exactly one place.
 */
export interface PageHooks {
  readonly props?: (entry: ResolvedEntry, signal: AbortSignal) => Readonly<Record<string, unknown>> & { readonly events?: ScopedEvents };
  readonly steps?: StepHooks;
  /** The `fetch` an MFE's API clients use (telemetry records its requests); default the global one. */
  readonly fetch?: (entry: ResolvedEntry) => typeof fetch;
  readonly onLoadFailure?: (entry: ResolvedEntry, error: RemoteLoadError) => Promise<ResolvedEntry | undefined>;
}

/**
 * The hooks of every page: `props.events`, a scope of the page's one event bus (a widget on a
 * shell page hears the shell's MFEs) closed when the mount's signal aborts; and, with a
 * `telemetry.endpoint`, per-MFE telemetry.
 */
export function pageHooks(config: ResolvedHostConfig, errors: ErrorReporter): PageHooks {
  const telemetry: TelemetryProbe | undefined = config.telemetry && startTelemetry(config.telemetry, errors);
  // Payloads are checked in development or when a deployment debugs (the check is its own chunk).
  const bus = pageEventBus({ validate: (import.meta.env.DEV || config.logLevel === 'debug') && loadPayloadCheck, onListenerError: telemetry?.listenerError });
  return {
    props: (entry, signal) => {
      telemetry?.saw(entry);
      return { events: bus.scope(entry.name, { signal }) };
    },
    // Nothing emits before its first bootstrap: waiting for the check there refuses every bad payload.
    ...(bus.validates ? { steps: { ready: bus.checking } } : {}),
    ...(telemetry ? { fetch: telemetry.fetchFor } : {}),
  };
}
