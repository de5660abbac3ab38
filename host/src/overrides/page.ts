import { createLogger } from '@atrium/shared';
import type { OverridesOptions } from '../config/overrides.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { showOverridesBanner } from './banner.js';
import { applyOverrides, readOverrides, readStoredOverrides, writeOverrides } from './overrides.js';
import { OVERRIDE_PARAM, overridesInUrl, RESET_PARAM } from './params.js';

const log = createLogger('host:overrides');

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Applies this page's overrides to the manifest entries: reads the query string and
 * localStorage, drops the override parameters from the address bar, keeps only accepted
 * overrides in storage, and shows the banner for them. A refused override leaves no trace: it is
 * logged for the developer, never saved and never shown (its text is whoever wrote the link's).
 */
export function applyPageOverrides(config: OverridesOptions, entries: readonly ResolvedEntry[]): { entries: readonly ResolvedEntry[] } {
  const search = location.search;
  const params = new URLSearchParams(search);
  const fromUrl = overridesInUrl(search);
  if (fromUrl) {
    params.delete(OVERRIDE_PARAM);
    params.delete(RESET_PARAM);
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
  if (!config.enabled) {
    if (fromUrl) log.warn('overrides in the URL are ignored: this deployment does not enable overrides');
    // Saved ones are never applied while disabled; the shell drops them once idle (dropStaleOverrides).
    return { entries };
  }
  const wanted = readOverrides(storage(), search);
  const result = applyOverrides(entries, wanted, config);
  for (const refused of result.refused) log.warn(`override of "${refused.name}" refused: ${refused.reason}`);
  const accepted = new Map([...result.applied.keys()].map((name) => [name, wanted.get(name) ?? '']));
  if (fromUrl || result.refused.length > 0) writeOverrides(storage(), accepted);
  showOverridesBanner(result.applied, () => {
    writeOverrides(storage(), new Map());
    location.reload();
  });
  return { entries: result.entries };
}

/** Drops overrides an earlier deployment saved, on a deployment that does not enable them. */
export function dropStaleOverrides(): void {
  if (readStoredOverrides(storage()).size > 0) writeOverrides(storage(), new Map());
}

/** Read and change overrides from the devtools overlay; undefined when overrides are disabled. */
export function overridesEditor(config: OverridesOptions): { current: () => ReadonlyMap<string, string>; set: (name: string, url: string | undefined) => void } | undefined {
  if (!config.enabled) return undefined;
  return {
    current: () => readStoredOverrides(storage()),
    set: (name, url) => {
      const next = readStoredOverrides(storage());
      if (url) next.set(name, url);
      else next.delete(name);
      writeOverrides(storage(), next);
      location.reload();
    },
  };
}
