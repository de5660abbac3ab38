// What an embedding site's callback page decides (host/src/widgets/callback-page.ts): a module of
// its own, so that it lands in the callback page's lazy chunk and nowhere else.
import { sameOriginPath } from '@atrium/shared/policy';
import { SIGNIN_STATE_PREFIX } from './return-to.js';

/**
 * The page an embedding site's callback page may send the visitor back to: a path of this
 * origin (never another site, `javascript:` or `//host`) that is not the callback page itself
 * (no loop), or undefined.
 *
 * @example
 * ```ts
 * returnPathOnSite('/blog/2026/rates/?x#y', '/atrium/callback/', 'https://blog.example'); // '/blog/2026/rates/?x#y'
 * returnPathOnSite('https://evil.example/', '/atrium/callback/', 'https://blog.example'); // undefined
 * ```
 */
export function returnPathOnSite(value: unknown, callbackPath: string, origin: string = location.origin): string | undefined {
  const path = sameOriginPath(value, origin);
  if (path === undefined || new URL(path, origin).pathname === callbackPath) return undefined;
  return path;
}

/**
 * The `returnTo` a sign-in in progress carries, read from its stored state (so it is bound to
 * that one sign-in and never taken from the URL); `null` when this tab started no sign-in with
 * that state id, undefined when the record has no return path.
 *
 * @example
 * ```ts
 * storedReturnTo(new URLSearchParams(location.search).get('state') ?? '', sessionStorage); // '/blog/2026/rates/'
 * ```
 */
export function storedReturnTo(state: string, storage: Pick<Storage, 'getItem'>): unknown {
  const record = storage.getItem(SIGNIN_STATE_PREFIX + state);
  if (record === null) return null;
  try {
    const data = (JSON.parse(record) as { data?: unknown }).data;
    return typeof data === 'object' && data !== null ? (data as { returnTo?: unknown }).returnTo : undefined;
  } catch {
    return undefined;
  }
}
