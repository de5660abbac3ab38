const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a remote URL was refused, phrased as the fix. */
export interface UrlRefusal {
  readonly problem: string;
  readonly fix: string;
}

/**
 * Normalises an allow-list entry to an exact origin (`https://cdn.example.com`), or explains why
 * it cannot be one. Paths, wildcards and trailing dots are refused: the policy is exact origins.
 */
export function normalizeOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.search || url.hash || url.hostname.includes('*')) return undefined;
  if (url.pathname !== '/' && url.pathname !== '') return undefined;
  return url.origin;
}

/**
 * Checks a remote URL against the deploy-time policy: absolute, https (http only on loopback),
 * and on an allowed origin. Origins are compared exactly, never by prefix, so
 * `https://cdn.example.com` does not admit `https://cdn.example.com.evil.net`.
 */
export function checkRemoteUrl(raw: string, allowedOrigins: ReadonlySet<string>): URL | UrlRefusal {
  const trimmed = raw.trim();
  if (trimmed.startsWith('//')) {
    return {
      problem: `"${raw}" is protocol-relative`,
      fix: 'write the full URL with https:// so the origin is explicit',
    };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { problem: `"${raw}" is not an absolute URL`, fix: 'use a full https:// URL of the remote entry' };
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return {
      problem: `"${raw}" uses ${url.protocol} — only https (or http on localhost) is allowed`,
      fix: 'serve the remote over https',
    };
  }
  if (url.username || url.password) {
    return { problem: `"${raw}" carries credentials`, fix: 'remove the user:password@ part' };
  }
  if (!allowedOrigins.has(url.origin)) {
    return {
      problem: `origin ${url.origin} is not on the allow-list`,
      fix: `add "${url.origin}" to allowedOrigins in the host config, or deploy the MFE to an allowed origin`,
    };
  }
  return url;
}

export function isUrlRefusal(value: URL | UrlRefusal): value is UrlRefusal {
  return !(value instanceof URL);
}
