import type { StepHooks } from '../lifecycle/index.js';
import type { ResolvedEntry } from '../manifest/index.js';
import type { RemoteLoadError } from '../errors.js';
import type { ResolvedHostConfig } from '../config/config.js';

/**
 * Where other concerns plug into every page, shell and widgets alike: props every MFE receives
 * besides the contract's (the events bus), step hooks (telemetry), and a second chance when an
 * MFE's files cannot be loaded (re-resolve its release). Each is called from exactly one place.
 */
export interface PageHooks {
  readonly props?: (entry: ResolvedEntry, signal: AbortSignal) => Readonly<Record<string, unknown>>;
  readonly steps?: StepHooks;
  readonly onLoadFailure?: (entry: ResolvedEntry, error: RemoteLoadError) => Promise<ResolvedEntry | undefined>;
}

/** The hooks of this page; none yet by default. */
export function pageHooks(_config: ResolvedHostConfig): PageHooks {
  return {};
}
