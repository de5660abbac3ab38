import { createLogger } from '@atrium/shared';
import { parseManifest } from '../manifest/index.js';
import type { ManifestPolicy, ResolvedEntry } from '../manifest/index.js';
import { pageChecks } from '../validation/index.js';

const log = createLogger('host:releases');

// The MFE's error state waits on this answer: a resolver that never answers must not hide it.
const RE_RESOLVE_TIMEOUT_MS = 5_000;

export interface ReResolveOptions {
  /** The resolver's manifest for this visitor, e.g. `/atrium/manifest.json`. */
  readonly manifestUrl: string;
  /** Origins, regions and the source for messages; the fetched manifest is always checked with the schemas. */
  readonly policy: Omit<ManifestPolicy, 'checks'>;
  readonly fetch?: typeof fetch;
}

/**
 * Skew protection's second chance: a page keeps the versions it booted with, but when a pinned
 * file is gone (the version was deleted from the origin) or fails its integrity check, the host
 * asks the resolver once for this MFE's current version and mounts that instead of an error.
 * Returns undefined (the usual error is shown) when the resolver has nothing newer.
 *
 * @example
 * ```ts
 * const onLoadFailure = createReResolver({ manifestUrl: '/atrium/manifest.json', policy });
 * const replacement = await onLoadFailure(entry, error);
 * ```
 */
export function createReResolver(options: ReResolveOptions): (entry: ResolvedEntry, error: unknown) => Promise<ResolvedEntry | undefined> {
  const tried = new Set<string>();
  const fetchFn = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return async (entry) => {
    if (tried.has(entry.name)) return undefined;
    tried.add(entry.name);
    try {
      const response = await fetchFn(options.manifestUrl, { credentials: 'same-origin', cache: 'no-store', signal: AbortSignal.timeout(RE_RESOLVE_TIMEOUT_MS) });
      if (!response.ok) return undefined;
      const { entries } = parseManifest(await response.text(), { ...options.policy, checks: await pageChecks(undefined) });
      const current = entries.find((e) => e.name === entry.name);
      if (!current || (current.version === entry.version && current.entryUrl.href === entry.entryUrl.href)) return undefined;
      log.warn(`mfe '${entry.name}' ${entry.version} could not be loaded; mounting the current version ${current.version} instead`);
      return current;
    } catch (error) {
      log.warn(`mfe '${entry.name}': could not re-resolve its version`, error);
      return undefined;
    }
  };
}
