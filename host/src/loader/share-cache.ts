// Where chunks built by @module-federation/vite read their shared modules from, synchronously,
// before falling back to the copy bundled with them. The runtime fills it when it initialises a
// remote; for a planned entry (no runtime) the host fills it itself (shares.ts, and single-spa's
// chunk as it is evaluated: single-spa-share.ts). The deploy step makes plans only for plugin
// versions whose chunks read it this way (scripts/lib/boot-plan.mjs).
const CACHE = '__mf_module_cache__';

export interface ShareCache {
  share: Record<string, unknown>;
  remote: Record<string, unknown>;
}

/** The page's share cache, made on first use. */
export function shareCache(): ShareCache {
  const global = globalThis as unknown as Record<string, ShareCache | undefined>;
  const cache = (global[CACHE] ??= { share: {}, remote: {} });
  cache.share ??= {};
  return cache;
}

/** What the host itself handed over, by package: never another script's entry in the cache. */
const provided = new Map<string, unknown>();

/** Puts one package where the chunks read it (the first copy handed over stays). */
export function provideShare(name: string, module: unknown): void {
  const cache = shareCache();
  if (cache.share[`default:${name}`] !== undefined) return;
  cache.share[`default:${name}`] = module;
  cache.share[name] = module;
  provided.set(name, module);
}

/** The host's own copy of a package once it has handed it over, else undefined. */
export function providedShare(name: string): unknown {
  return provided.get(name);
}
