/** Who a cached response belongs to; `'anonymous'` when nobody is signed in. */
export type UserKey = string;

/** The identity of a read: the same user, API and URL share one network request and one entry. */
export interface ReadKey {
  readonly userKey: UserKey;
  readonly apiName: string;
  /** Absolute URL, query included (sorted, so equal reads have equal URLs). */
  readonly url: string;
  /** The URL's path under the API's base URL, for prefix invalidation. */
  readonly path: string;
}

/** The Map key of a read. NUL cannot occur in user keys from tokens, API names or URLs. */
export function serializeKey(key: ReadKey): string {
  return `${key.userKey}\u0000${key.apiName}\u0000${key.url}`;
}

/**
 * True when `path` is `prefix` or below it on a segment boundary: `/accounts` matches
 * `/accounts` and `/accounts/42`, never `/accountsettings`.
 */
export function isUnderPrefix(path: string, prefix: string): boolean {
  if (prefix === '' || prefix === '/') return true;
  const bare = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return path === bare || path.startsWith(`${bare}/`);
}
