/**
 * True when a request to `requestUrl` may carry the API's access token: its origin (scheme, host
 * and port, after URL parsing) must equal the API's configured origin exactly.
 *
 * Parsing, never prefix matching: `https://api.x.evil` starts with `https://api.x` and must not
 * match; `//other-host/x` resolves to another origin; userinfo tricks (`https://api.x@evil`)
 * parse to the host after the `@`. Anything unparsable gets no token (fail closed).
 *
 * @example
 * ```ts
 * mayCarryToken('https://api.x/v1/accounts', 'https://api.x'); // true
 * mayCarryToken('https://api.x.evil/v1', 'https://api.x');     // false
 * ```
 */
export function mayCarryToken(requestUrl: string, apiOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  // An opaque origin serialises as 'null'; it must never equal a configured one.
  return url.origin !== 'null' && url.origin === apiOrigin;
}
