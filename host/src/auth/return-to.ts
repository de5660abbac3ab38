/**
 * `value` as a same-origin path (`/accounts?x#y`), or `fallback` when it is anything else: an
 * absolute URL elsewhere, `//host`, `/\host`, or not a string. Sign-in never sends a user to
 * another site.
 *
 * @example
 * ```ts
 * safeReturnTo('/accounts/1?tab=2'); // '/accounts/1?tab=2'
 * safeReturnTo('https://evil.example/'); // '/'
 * ```
 */
export function safeReturnTo(value: unknown, fallback = '/', origin: string = location.origin): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  const url = URL.parse(value, origin);
  if (!url || url.origin !== origin) return fallback;
  return url.pathname + url.search + url.hash;
}
