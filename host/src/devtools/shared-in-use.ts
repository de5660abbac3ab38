/** One shared package version registered on the page, and who provided it. */
export interface SharedInUse {
  readonly pkg: string;
  readonly version: string;
  readonly from: string;
  readonly loaded: boolean;
}

/**
 * Reads the Module Federation share scopes of the page: which versions of which shared packages
 * are registered, by whom, and which ones were actually loaded.
 */
export function sharedInUse(global: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): SharedInUse[] {
  const federation = global['__FEDERATION__'] as { __SHARE__?: Record<string, Record<string, Record<string, Record<string, { from?: string; loaded?: boolean }>>>> } | undefined;
  const seen = new Map<string, SharedInUse>();
  for (const scopes of Object.values(federation?.__SHARE__ ?? {})) {
    for (const packages of Object.values(scopes)) {
      for (const [pkg, versions] of Object.entries(packages)) {
        for (const [version, share] of Object.entries(versions)) {
          const key = `${pkg}@${version}`;
          const previous = seen.get(key);
          seen.set(key, { pkg, version, from: previous?.from ?? share.from ?? '?', loaded: Boolean(previous?.loaded || share.loaded) });
        }
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.pkg.localeCompare(b.pkg) || a.version.localeCompare(b.version));
}
