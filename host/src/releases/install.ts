import type { ResolvedHostConfig } from '../config/config.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { createHealthBeacon, reportStatuses } from './health-beacon.js';
import type { StatusSource } from './health-beacon.js';
import { createReResolver } from './re-resolve.js';
import { pinnedRevision } from './revision.js';

/** The resolver's paths on the page's own origin (servers/control-plane/resolver). */
const HEALTH_PATH = '/atrium/health';
const MANIFEST_PATH = '/atrium/manifest.json';

/**
 * Releases on a page a resolver served: health reports for every MFE version, and skew
 * protection — a pinned version that cannot be loaded is re-resolved once and the current
 * version mounted. Does nothing on pages deployed without a resolver.
 *
 * @example
 * ```ts
 * const releases = installReleases(config, statusStore);
 * loadMfe(federation, entry, attempt, timeoutMs, { onLoadFailure: releases?.onLoadFailure });
 * ```
 */
export function installReleases(
  config: ResolvedHostConfig,
  statuses: StatusSource,
): { revision: number; onLoadFailure: (entry: ResolvedEntry, error: unknown) => Promise<ResolvedEntry | undefined> } | undefined {
  const revision = pinnedRevision();
  if (revision === undefined) return undefined;
  reportStatuses(statuses, createHealthBeacon({ url: HEALTH_PATH }));
  const onLoadFailure = createReResolver({
    manifestUrl: MANIFEST_PATH,
    policy: { allowedOrigins: config.allowedOrigins, regions: config.regions, source: `${MANIFEST_PATH} (re-resolved)` },
  });
  return {
    revision,
    // The loader's hook (host/src/loader, via the page runtime): asked once when a load fails;
    // the loader then loads the version it returns.
    onLoadFailure,
  };
}
