import { isSecureUrl, originOf, parseUrl } from './origins.js';

/** Why a URL was refused, phrased as the fix. */
export interface UrlRefusal {
  readonly problem: string;
  readonly fix: string;
}

/**
 * Checks a URL remote code is loaded from: absolute, https (http only on loopback), no
 * credentials, on an allowed origin (compared exactly). Manifest entries and developer
 * overrides both pass through here.
 *
 * @example
 * ```ts
 * const url = checkRemoteUrl(entry.entry, config.allowedOrigins);
 * if (isUrlRefusal(url)) problems.push(`${url.problem} — fix: ${url.fix}`);
 * ```
 */
export function checkRemoteUrl(raw: string, allowedOrigins: ReadonlySet<string>, listName = 'allowedOrigins in the host config'): URL | UrlRefusal {
  const trimmed = raw.trim();
  if (trimmed.startsWith('//')) return { problem: `"${raw}" is protocol-relative`, fix: 'write the full URL with https:// so the origin is explicit' };
  const url = parseUrl(trimmed);
  if (!url) return { problem: `"${raw}" is not an absolute URL`, fix: 'use a full https:// URL of the remote entry' };
  if (!isSecureUrl(url)) return { problem: `"${raw}" uses ${url.protocol} — only https (or http on localhost) is allowed`, fix: 'serve the remote over https' };
  if (url.username || url.password) return { problem: `"${raw}" carries credentials`, fix: 'remove the user:password@ part' };
  if (!allowedOrigins.has(url.origin)) {
    return { problem: `origin ${url.origin} is not on the allow-list`, fix: `add "${url.origin}" to ${listName}, or deploy the MFE to an allowed origin` };
  }
  return url;
}

/** Narrows the result of {@link checkRemoteUrl}. */
export function isUrlRefusal(value: URL | UrlRefusal): value is UrlRefusal {
  return !(value instanceof URL);
}

/**
 * `file` resolved against `base`, when it stays on base's origin (an entry's stylesheets and
 * preloads come from where its code comes from); undefined otherwise.
 */
export function resolveOnOrigin(file: string, base: URL): URL | undefined {
  const url = parseUrl(file, base);
  return url && originOf(url) === base.origin ? url : undefined;
}

/**
 * `value` as a same-origin path (`/accounts?x#y`), or undefined when it is anything else: an
 * absolute URL elsewhere, `//host`, `/\host`, `javascript:`, not a string. Used for every
 * in-app navigation (`navigate()`, sign-in return URLs, links leaving a widget).
 *
 * @example
 * ```ts
 * sameOriginPath('/accounts/1?tab=2', 'https://bank.example'); // '/accounts/1?tab=2'
 * sameOriginPath('javascript:alert(1)', 'https://bank.example'); // undefined
 * ```
 */
export function sameOriginPath(value: unknown, origin: string): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  const url = parseUrl(value, origin);
  if (!url || url.origin !== origin) return undefined;
  return url.pathname + url.search + url.hash;
}
