import { providedShare } from './share-cache.js';

export type SingleSpa = typeof import('single-spa');

// single-spa (≈ 6 KB compressed, one minified module) is a chunk of its own, requested as the
// shell starts: the page's first MFEs mount without it (registry/early-run.ts) and single-spa
// adopts them when it arrives. Before first content every KB costs ≈ 1.3 ms at 10 Mbit/s.
let loading: Promise<SingleSpa> | undefined;

/**
 * The page's one single-spa, imported once (its chunk also puts it where MFE chunks read their
 * shared packages: single-spa-share.ts); a failed download is asked for again on the next call.
 */
export function singleSpa(): Promise<SingleSpa> {
  return (loading ??= import('./single-spa-share.js').then(
    (module) => module.singleSpa,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

/**
 * single-spa at once when its chunk has run already (a boot graph imported it ahead of planned
 * chunks that read it), else undefined: an `import()` of it would settle only a task later.
 */
export function singleSpaNow(): SingleSpa | undefined {
  return providedShare('single-spa') as SingleSpa | undefined;
}
