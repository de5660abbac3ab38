import * as atriumShared from '@atrium/shared';
import { SHARED_VERSION, SINGLETON_VERSIONS } from '@atrium/shared/internal';
import { provideShare, shareCache } from './share-cache.js';
import type { ShareCache } from './share-cache.js';
import { singleSpa } from './single-spa.js';

/** Versions the host provides as singletons (declared once: shared/src/versions.json). Remotes declare the same packages as shared. */
export const SINGLE_SPA_VERSION = SINGLETON_VERSIONS['single-spa'] ?? '';
export const PROVIDED_SHARED = {
  'single-spa': SINGLE_SPA_VERSION,
  '@atrium/shared': SHARED_VERSION,
  '@atrium/shared/api': SHARED_VERSION,
} as const;

export type ProvidedPackage = keyof typeof PROVIDED_SHARED;

/** The host's copy of each provided package; single-spa and the API layer (ky and all) are chunks of their own. */
export const PROVIDERS: Readonly<Record<ProvidedPackage, () => unknown>> = {
  'single-spa': () => singleSpa(),
  '@atrium/shared': () => atriumShared,
  '@atrium/shared/api': () => import('@atrium/shared/api'),
};

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
  for (const name of names) if (cache.share[`default:${name}`] === undefined) provideShare(name, await PROVIDERS[name]());
}

/**
 * The packages the host hands over synchronously, as its entry is evaluated. single-spa is not
 * one of them (a chunk of its own, fetched after first content): a boot graph whose planned
 * chunks read it imports that chunk ahead of them, and it puts itself in place
 * (single-spa-share.ts); without a graph the loader awaits it ({@link provideShares}).
 */
export const STATIC_SHARES = ['@atrium/shared'] as const satisfies readonly ProvidedPackage[];

/**
 * Puts the page's own @atrium/shared in place at once (it costs nothing to hand over; a lazy
 * chunk of an MFE may read it later). Synchronous, so the shell can do it before the planned
 * chunks of a boot graph are evaluated; single-spa and the API layer are chunks of their own and
 * come with {@link provideShares} when a plan names them.
 */
export function provideStaticShares(): ShareCache {
  for (const name of STATIC_SHARES) provideShare(name, PROVIDERS[name]());
  return shareCache();
}
