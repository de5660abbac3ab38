import type { ResolvedEntry } from '../manifest/index.js';
import { showOverridesBanner } from './banner.js';
import { applyOverrides, OVERRIDE_PARAM, readOverrides, RESET_PARAM, resolveOverridesConfig, writeOverrides } from './overrides.js';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * Applies this page's overrides to the manifest entries: reads the query string and
 * localStorage, remembers the result, drops the override parameters from the address bar, and
 * shows the banner. With overrides disabled, entries pass through untouched.
 */
export function applyPageOverrides(rawConfig: unknown, entries: readonly ResolvedEntry[]): { entries: readonly ResolvedEntry[]; applied: Record<string, string> } {
  const config = resolveOverridesConfig(rawConfig);
  const params = new URLSearchParams(location.search);
  const fromUrl = params.has(OVERRIDE_PARAM) || params.has(RESET_PARAM);
  const requested = readOverrides(storage(), location.search);
  if (!config.enabled && Object.keys(requested).length === 0) return { entries, applied: {} };
  if (fromUrl) {
    writeOverrides(storage(), requested);
    params.delete(OVERRIDE_PARAM);
    params.delete(RESET_PARAM);
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
  const result = applyOverrides(entries, requested, config);
  showOverridesBanner(result.applied, result.refused, () => {
    writeOverrides(storage(), {});
    location.reload();
  });
  return { entries: result.entries, applied: result.applied };
}

/** Read and change overrides from the devtools overlay; undefined when overrides are disabled. */
export function overridesEditor(rawConfig: unknown): { current: () => Record<string, string>; set: (name: string, url: string | undefined) => void } | undefined {
  if (!resolveOverridesConfig(rawConfig).enabled) return undefined;
  return {
    current: () => readOverrides(storage(), ''),
    set: (name, url) => {
      const next = readOverrides(storage(), '');
      if (url) next[name] = url;
      else delete next[name];
      writeOverrides(storage(), next);
      location.reload();
    },
  };
}
