import * as singleSpa from 'single-spa';
import * as atriumShared from '@atrium/shared';
import { SHARED_VERSION, SINGLETON_VERSIONS } from '@atrium/shared/internal';

/** Versions the host provides as singletons (declared once: shared/src/versions.json). Remotes declare the same packages as shared. */
export const SINGLE_SPA_VERSION = SINGLETON_VERSIONS['single-spa'] ?? '';
export const PROVIDED_SHARED = {
  'single-spa': SINGLE_SPA_VERSION,
  '@atrium/shared': SHARED_VERSION,
  '@atrium/shared/api': SHARED_VERSION,
} as const;

export type ProvidedPackage = keyof typeof PROVIDED_SHARED;

/** The host's copy of each provided package; the API layer (ky and all) only when asked for. */
export const PROVIDERS: Readonly<Record<ProvidedPackage, () => unknown>> = {
  'single-spa': () => singleSpa,
  '@atrium/shared': () => atriumShared,
  '@atrium/shared/api': () => import('@atrium/shared/api'),
};

// Where chunks built by @module-federation/vite read their shared modules from, synchronously,
// before falling back to the copy bundled with them. The runtime fills it when it initialises a
// remote; for a planned entry (no runtime) the host fills it itself. The deploy step makes plans
// only for plugin versions whose chunks read it this way (scripts/lib/boot-plan.mjs).
const CACHE = '__mf_module_cache__';

interface ShareCache {
  share: Record<string, unknown>;
  remote: Record<string, unknown>;
}

/**
 * Puts the host's copy of each package where a planned entry's chunks look for it, so they use
 * the page's one single-spa and shared layer instead of their bundled fallbacks.
 *
 * @example
 * ```ts
 * await provideShares(['@atrium/shared']);
 * const lifecycles = await import(entry.bootUrl.href);
 * ```
 */
export async function provideShares(names: readonly ProvidedPackage[]): Promise<void> {
  const cache = provideStaticShares();
  for (const name of names) {
    if (cache.share[`default:${name}`] !== undefined) continue;
    const module = await PROVIDERS[name]();
    cache.share[`default:${name}`] = module;
    cache.share[name] = module;
  }
}

/** The packages the host hands over synchronously: what a boot graph's chunks may read. */
export const STATIC_SHARES = ['single-spa', '@atrium/shared'] as const satisfies readonly ProvidedPackage[];

/**
 * Puts the page's own single-spa and @atrium/shared in place at once (they cost nothing to hand
 * over; a lazy chunk of an MFE may read them later). Synchronous, so the shell can do it before
 * the planned chunks of a boot graph are evaluated; the API layer is a chunk of its own and
 * comes with {@link provideShares} when a plan names it.
 */
export function provideStaticShares(): ShareCache {
  const global = globalThis as unknown as Record<string, ShareCache | undefined>;
  const cache = (global[CACHE] ??= { share: {}, remote: {} });
  cache.share ??= {};
  for (const name of STATIC_SHARES) {
    if (cache.share[`default:${name}`] !== undefined) continue;
    const module = PROVIDERS[name]();
    cache.share[`default:${name}`] = module;
    cache.share[name] = module;
  }
  return cache;
}
