import { createLogger } from '@atrium/shared';
import type { ResolvedEntry } from '../manifest/index.js';
import { checkRemoteUrl, isUrlRefusal } from '../manifest/index.js';

const log = createLogger('host:overrides');

/** Where overrides persist between page loads, like import-map-overrides does. */
export const OVERRIDES_STORAGE_KEY = 'atrium:overrides';
/** `?atrium-override=accounts=http://localhost:5202/remoteEntry.js`; an empty URL removes one. */
export const OVERRIDE_PARAM = 'atrium-override';
/** `?atrium-overrides=reset` removes all. */
export const RESET_PARAM = 'atrium-overrides';

/** The `overrides` section of the host config. Off unless a deployment turns it on. */
export interface OverridesConfig {
  readonly enabled: boolean;
  /** Origins an override may point at: exact origins, or `http://localhost:*` for any local port. */
  readonly allowedOrigins: readonly string[];
}

/** One override that was refused, and why. */
export interface RefusedOverride {
  readonly name: string;
  readonly url: string;
  readonly reason: string;
}

/** Reads the `overrides` config section; anything malformed means off. */
export function resolveOverridesConfig(raw: unknown): OverridesConfig {
  if (typeof raw !== 'object' || raw === null) return { enabled: false, allowedOrigins: [] };
  const record = raw as Record<string, unknown>;
  const origins = Array.isArray(record['allowedOrigins']) ? record['allowedOrigins'].filter((o): o is string => typeof o === 'string') : [];
  return { enabled: record['enabled'] === true, allowedOrigins: origins };
}

/** True when `origin` is on the overrides allow-list (exact, or a loopback host with `:*`). */
export function overrideOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return allowed.some((pattern) => {
    const wildcard = /^(https?):\/\/(localhost|127\.0\.0\.1|\[::1\]):\*$/.exec(pattern);
    if (wildcard) return url.protocol === `${wildcard[1]}:` && url.hostname === wildcard[2];
    return pattern.replace(/\/$/, '') === url.origin;
  });
}

/** The overrides in force: stored ones, updated by the query string of this URL. */
export function readOverrides(storage: Storage | undefined, search: string): Record<string, string> {
  let stored: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(OVERRIDES_STORAGE_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      stored = Object.fromEntries(Object.entries(parsed).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
    }
  } catch {
    log.warn(`ignoring malformed ${OVERRIDES_STORAGE_KEY} in localStorage`);
  }
  const params = new URLSearchParams(search);
  if (params.get(RESET_PARAM) === 'reset') stored = {};
  for (const value of params.getAll(OVERRIDE_PARAM)) {
    const at = value.indexOf('=');
    if (at <= 0) continue;
    const name = value.slice(0, at);
    const url = value.slice(at + 1);
    if (url) stored[name] = url;
    else delete stored[name];
  }
  return stored;
}

/** Persists overrides (or clears them when empty). */
export function writeOverrides(storage: Storage | undefined, overrides: Record<string, string>): void {
  try {
    if (Object.keys(overrides).length === 0) storage?.removeItem(OVERRIDES_STORAGE_KEY);
    else storage?.setItem(OVERRIDES_STORAGE_KEY, JSON.stringify(overrides));
  } catch {
    log.warn('overrides could not be saved (storage unavailable)');
  }
}

/**
 * Points manifest entries at override URLs. Each URL must be https or loopback and on the
 * overrides allow-list, so a link from an attacker cannot make the page run their code.
 * Integrity, preload and stylesheet lists belong to the original build and are dropped.
 */
export function applyOverrides(
  entries: readonly ResolvedEntry[],
  overrides: Readonly<Record<string, string>>,
  config: OverridesConfig,
): { entries: ResolvedEntry[]; applied: Record<string, string>; refused: RefusedOverride[] } {
  const applied: Record<string, string> = {};
  const refused: RefusedOverride[] = [];
  if (!config.enabled) {
    for (const [name, url] of Object.entries(overrides)) refused.push({ name, url, reason: 'overrides are disabled on this deployment' });
    return { entries: [...entries], applied, refused };
  }
  const byName = new Set(entries.map((e) => e.name));
  for (const [name, url] of Object.entries(overrides)) {
    if (!byName.has(name)) refused.push({ name, url, reason: `no MFE named "${name}" in the manifest` });
  }
  const result = entries.map((entry) => {
    const url = overrides[entry.name];
    if (url === undefined) return entry;
    let origin = '';
    try {
      origin = new URL(url).origin;
    } catch {
      refused.push({ name: entry.name, url, reason: 'not an absolute URL' });
      return entry;
    }
    const checked = checkRemoteUrl(url, new Set(overrideOriginAllowed(origin, config.allowedOrigins) ? [origin] : []));
    if (isUrlRefusal(checked)) {
      refused.push({ name: entry.name, url, reason: checked.problem.replace('allow-list', 'overrides allow-list') });
      return entry;
    }
    applied[entry.name] = checked.href;
    // Integrity, preload and stylesheet lists name the original build's files; a dev server
    // injects its own CSS.
    const { integrity: _integrity, files: _files, css: _css, ...rest } = entry;
    return { ...rest, entry: checked.href, entryUrl: checked, preload: [], preloadUrls: [], overriddenFrom: entry.entryUrl.href };
  });
  return { entries: result, applied, refused };
}
