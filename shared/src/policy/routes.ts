/** Where an entry is active: route prefixes without trailing slash, or on every route. */
export type Routes = readonly string[] | 'always';

/**
 * True when `path` is under `prefix` at a segment boundary: `/accounts` matches `/accounts` and
 * `/accounts/1`, not `/accountsx`. `/` matches everything.
 */
export function matchesPrefix(path: string, prefix: string): boolean {
  if (prefix === '/') return true;
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** True when an entry with these routes is active at `pathname`. */
export function isActiveAt(routes: Routes, pathname: string): boolean {
  return routes === 'always' || routes.some((prefix) => matchesPrefix(pathname, prefix));
}

/** A route prefix without its trailing slash (`/accounts/` → `/accounts`); `/` stays `/`. */
export function trimSlash(prefix: string): string {
  return prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
}

/** A manifest's `activeWhen` as {@link Routes}. */
export function routesOf(activeWhen: 'always' | string | readonly string[]): Routes {
  return activeWhen === 'always' ? 'always' : [activeWhen].flat().map(trimSlash);
}
