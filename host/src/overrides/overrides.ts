import { createLogger } from '@atrium/shared';
import { checkRemoteUrl, isMfeName, isUrlRefusal, matchesOriginPattern, originOf } from '@atrium/shared/policy';
import type { OverridesOptions } from '../config/overrides.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { OVERRIDE_PARAM, RESET_PARAM } from './params.js';

const log = createLogger('host:overrides');

/** Where accepted overrides persist between page loads, like import-map-overrides does. */
export const OVERRIDES_STORAGE_KEY = 'atrium:overrides';

/** Overrides by MFE name. Names are data: a Map, so `constructor` is just another name. */
export type Overrides = ReadonlyMap<string, string>;

/** One override that was refused, and why (for the log; never shown on the page). */
export interface RefusedOverride {
  readonly name: string;
  readonly url: string;
  readonly reason: string;
}

/** The result of applying overrides: entries to register, and what was accepted or refused. */
export interface OverrideOutcome {
  readonly entries: ResolvedEntry[];
  /** Accepted overrides: MFE name → the URL now loaded. */
  readonly applied: ReadonlyMap<string, URL>;
  readonly refused: readonly RefusedOverride[];
}

/** Overrides saved by an earlier visit; malformed storage or names count as none. */
export function readStoredOverrides(storage: Storage | undefined): Map<string, string> {
  const stored = new Map<string, string>();
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(OVERRIDES_STORAGE_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [name, url] of Object.entries(parsed)) if (isMfeName(name) && typeof url === 'string') stored.set(name, url);
    }
  } catch {
    log.warn(`ignoring malformed ${OVERRIDES_STORAGE_KEY} in localStorage`);
  }
  return stored;
}

/** The overrides asked for: stored ones, updated by the query string of this URL. */
export function readOverrides(storage: Storage | undefined, search: string): Map<string, string> {
  const params = new URLSearchParams(search);
  const requested = params.get(RESET_PARAM) === 'reset' ? new Map<string, string>() : readStoredOverrides(storage);
  for (const value of params.getAll(OVERRIDE_PARAM)) {
    const at = value.indexOf('=');
    if (at <= 0) continue;
    const name = value.slice(0, at);
    const url = value.slice(at + 1);
    if (url) requested.set(name, url);
    else requested.delete(name);
  }
  return requested;
}

/** Persists exactly these (accepted) overrides, or clears storage when there are none. */
export function writeOverrides(storage: Storage | undefined, overrides: ReadonlyMap<string, string>): void {
  try {
    if (overrides.size === 0) storage?.removeItem(OVERRIDES_STORAGE_KEY);
    else storage?.setItem(OVERRIDES_STORAGE_KEY, JSON.stringify(Object.fromEntries(overrides)));
  } catch {
    log.warn('overrides could not be saved (storage unavailable)');
  }
}

/**
 * Points manifest entries at override URLs. Each URL must be https or loopback and on the
 * overrides allow-list, so a link from an attacker cannot make the page run their code.
 * Integrity, preload and stylesheet lists belong to the original build and are dropped.
 */
export function applyOverrides(entries: readonly ResolvedEntry[], overrides: Overrides, config: OverridesOptions): OverrideOutcome {
  const applied = new Map<string, URL>();
  const refused: RefusedOverride[] = [];
  if (!config.enabled) {
    for (const [name, url] of overrides) refused.push({ name, url, reason: 'overrides are disabled on this deployment' });
    return { entries: [...entries], applied, refused };
  }
  const names = new Set(entries.map((e) => e.name));
  for (const [name, url] of overrides) if (!names.has(name)) refused.push({ name, url, reason: `no MFE named "${name}" in the manifest` });
  const result = entries.map((entry) => {
    const url = overrides.get(entry.name);
    if (url === undefined) return entry;
    const origin = originOf(url);
    const allowed = origin !== undefined && config.allowedOrigins.some((pattern) => matchesOriginPattern(origin, pattern));
    const checked = checkRemoteUrl(url, new Set(allowed ? [origin] : []), 'overrides.allowedOrigins in the host config');
    if (isUrlRefusal(checked)) {
      refused.push({ name: entry.name, url, reason: checked.problem.replace('allow-list', 'overrides allow-list') });
      return entry;
    }
    applied.set(entry.name, checked);
    // Integrity, preload and stylesheet lists and the boot plan name the original build's files;
    // a dev server injects its own CSS, and is loaded through its remoteEntry.js.
    const { integrity: _integrity, files: _files, css: _css, boot: _boot, bootUrl: _bootUrl, ...rest } = entry;
    return { ...rest, entry: checked.href, entryUrl: checked, preload: [], preloadUrls: [], overriddenFrom: entry.entryUrl.href };
  });
  return { entries: result, applied, refused };
}
