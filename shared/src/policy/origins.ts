// Origins: the one place Atrium decides whether two URLs share an origin, whether a URL may be
// fetched at all (https, or http on loopback) and what an allow-list entry means. Every caller
// (host config, manifest, embed, overrides, the API layer's token policy) asks here.

/**
 * `new URL()` that answers undefined instead of throwing. (Not `URL.parse`: test DOMs replace the
 * global URL class, and URL.parse would hand back instances of the original one.)
 */
export function parseUrl(value: string, base?: string | URL): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for `localhost`, `127.0.0.1` and `[::1]`: the only hosts where plain http is accepted. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

/** True when `url` is https, or http on a loopback host. */
export function isSecureUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/**
 * An allow-list entry as an exact origin (`https://cdn.example.com`), or undefined when it is
 * not one: paths, queries, credentials and wildcards are refused, the policy is exact origins.
 *
 * @example
 * ```ts
 * normalizeOrigin('https://cdn.example.com/'); // 'https://cdn.example.com'
 * normalizeOrigin('https://*.example.com');   // undefined
 * ```
 */
export function normalizeOrigin(value: string): string | undefined {
  const url = parseUrl(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
  if (url.username || url.password || url.search || url.hash || url.hostname.includes('*')) return undefined;
  if (url.pathname !== '/' && url.pathname !== '') return undefined;
  return url.origin;
}

/**
 * The exact origin of `value` when it is an absolute URL without credentials, else undefined.
 * Parsed, never prefix-matched: `https://api.x.evil` is not `https://api.x`, and
 * `https://api.x@evil` is evil's. Opaque origins (`data:`, `javascript:`) have none.
 */
export function originOf(value: string | URL, base?: string): string | undefined {
  const url = typeof value === 'string' ? parseUrl(value, base) : value;
  if (!url || url.username !== '' || url.password !== '') return undefined;
  return url.origin === 'null' ? undefined : url.origin;
}

/**
 * True when `value` is on exactly `origin`.
 *
 * @example
 * ```ts
 * isSameOrigin('https://api.x/v1/a', 'https://api.x');  // true
 * isSameOrigin('https://api.x.evil/v1', 'https://api.x'); // false
 * ```
 */
export function isSameOrigin(value: string | URL, origin: string, base?: string): boolean {
  return originOf(value, base) === origin;
}

/**
 * Parses an origin allow-list (host config `allowedOrigins`, `embed.allowedEmbedders`…) into a
 * set of exact origins. Throws a TypeError naming the option and the entry that is not one.
 */
export function originSet(values: readonly string[], option: string): ReadonlySet<string> {
  const set = new Set<string>();
  for (const value of values) {
    const origin = normalizeOrigin(value);
    if (!origin) throw new TypeError(`${option} contains "${value}", which is not an exact origin — write it as "https://host[:port]" with no path or wildcard`);
    set.add(origin);
  }
  return set;
}

/**
 * True when `origin` matches a developer allow-list pattern: an exact origin, or
 * `http(s)://localhost:*` (any port of that loopback host) for local dev servers.
 */
export function matchesOriginPattern(origin: string, pattern: string): boolean {
  const url = parseUrl(origin);
  if (!url) return false;
  const wildcard = /^(https?):\/\/(localhost|127\.0\.0\.1|\[::1\]):\*$/.exec(pattern);
  if (wildcard) return url.protocol === `${wildcard[1]}:` && url.hostname === wildcard[2];
  return normalizeOrigin(pattern) === url.origin;
}
