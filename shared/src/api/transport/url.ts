/** A query value as OpenAPI types describe it; arrays repeat the key (`?id=1&id=2`). */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/**
 * The absolute URL of `path` under `baseUrl` (which has no trailing slash), with `{name}`
 * segments filled from `pathParams` and the query appended in sorted key order, so identical
 * calls always produce identical URLs (and share cache entries).
 *
 * A path starting with one `/` is appended to the base URL, as OpenAPI server URLs work; anything
 * else (`https://…`, `//host/…`) is resolved as a URL and may point elsewhere — the token policy
 * decides on the result.
 *
 * @example
 * ```ts
 * buildUrl('https://api.x/v1', '/accounts/{id}', { id: 'a/b' }, { expand: 'owner' });
 * // 'https://api.x/v1/accounts/a%2Fb?expand=owner'
 * ```
 */
export function buildUrl(
  baseUrl: string,
  path: string,
  pathParams?: Readonly<Record<string, unknown>>,
  query?: Readonly<Record<string, QueryValue>>,
): string {
  const filled = path.includes('{') ? fillPath(path, pathParams ?? {}) : path;
  const url = filled.startsWith('/') && !filled.startsWith('//') ? baseUrl + filled : new URL(filled, `${baseUrl}/`).href;
  const search = query === undefined ? '' : encodeQuery(query);
  if (search === '') return url;
  return url + (url.includes('?') ? '&' : '?') + search;
}

function fillPath(path: string, params: Readonly<Record<string, unknown>>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new TypeError(`params.path.${name} is required for '${path}'`);
    const text = String(value);
    // '.' and '..' would be normalised away by URL parsing and address a different resource.
    if (text === '' || text === '.' || text === '..') throw new TypeError(`params.path.${name} must not be '${text}'`);
    return encodeURIComponent(text);
  });
}

function encodeQuery(query: Readonly<Record<string, QueryValue>>): string {
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
  }
  return parts.join('&');
}

/** The part of `url` after the API's base URL, without query: what cache invalidation matches on. */
export function pathUnderBase(baseUrl: string, url: string): string {
  const withoutQuery = url.split(/[?#]/, 1)[0] ?? url;
  if (!withoutQuery.startsWith(baseUrl)) return withoutQuery;
  const rest = withoutQuery.slice(baseUrl.length);
  if (rest === '') return '/';
  return rest.startsWith('/') ? rest : withoutQuery;
}
