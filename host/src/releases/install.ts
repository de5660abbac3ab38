import type { MfeLifecycles } from '@atrium/shared';
import type { ResolvedHostConfig } from '../config/config.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { createHealthBeacon, reportStatuses } from './health-beacon.js';
import type { StatusSource } from './health-beacon.js';
import { createReResolver } from './re-resolve.js';
import { pinnedRevision } from './revision.js';

/** The resolver's paths on the page's own origin (servers/control-plane/resolver). */
const HEALTH_PATH = '/atrium/health';
const MANIFEST_PATH = '/atrium/manifest.json';

type Load = (entry: ResolvedEntry, attempt: number, timeoutMs: number) => Promise<MfeLifecycles>;


/**
 * Releases on a page a resolver served: health reports for every MFE version, and skew
 * protection — a pinned version that cannot be loaded is re-resolved once and the current
 * version mounted. Does nothing on pages deployed without a resolver.
 *
 * @example
 * ```ts
 * const releases = installReleases(config, statusStore);
 * const load = releases ? releases.withReResolve(defaultLoad) : defaultLoad;
 * ```
 */
export function installReleases(
  config: ResolvedHostConfig,
  statuses: StatusSource,
): { revision: number; onLoadFailure: (entry: ResolvedEntry, error: unknown) => Promise<ResolvedEntry | undefined>; withReResolve(load: Load): Load } | undefined {
  const revision = pinnedRevision();
  if (revision === undefined) return undefined;
  reportStatuses(statuses, createHealthBeacon({ url: HEALTH_PATH }));
  const onLoadFailure = createReResolver({
    manifestUrl: MANIFEST_PATH,
    policy: { allowedOrigins: config.allowedOrigins, regions: config.regions, source: `${MANIFEST_PATH} (re-resolved)` },
  });
  return {
    revision,
    // The loader's hook (host/src/loader, via the page runtime): asked once when a load fails.
    onLoadFailure,
    withReResolve: (load) => async (entry, attempt, timeoutMs) => {
      try {
        return await load(entry, attempt, timeoutMs);
      } catch (error) {
        const current = await onLoadFailure(entry, error);
        if (!current) throw error;
        return load(current, 0, timeoutMs);
      }
    },
  };
}
