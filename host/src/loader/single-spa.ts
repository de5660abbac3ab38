import { loadOnce } from './load-once.js';
import { providedShare } from './share-cache.js';

export type SingleSpa = typeof import('single-spa');

// single-spa (≈ 6 KB compressed, one minified module) is a chunk of its own, which the shell
// requests once what the URL shows has mounted: the page's first MFEs mount without it
// (registry/early-run.ts) and single-spa adopts them when it arrives. Before first content every
// KB costs ≈ 1.3 ms at 10 Mbit/s.

/**
 * The page's one single-spa, imported once (its chunk also puts it where MFE chunks read their
 * shared packages: single-spa-share.ts); a failed download is asked for again on the next call.
 */
export const singleSpa: () => Promise<SingleSpa> = loadOnce(() => import('./single-spa-share.js').then((module) => module.singleSpa));

/**
 * single-spa at once when its chunk has run already (a boot graph imported it ahead of planned
 * chunks that read it), else undefined: an `import()` of it would settle only a task later.
 */
export function singleSpaNow(): SingleSpa | undefined {
  return providedShare('single-spa') as SingleSpa | undefined;
}
