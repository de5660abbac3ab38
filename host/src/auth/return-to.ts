import { sameOriginPath } from '@atrium/shared/policy';

/**
 * Where oidc-client-ts keeps a sign-in in progress (state, nonce, PKCE verifier, and our
 * `{ returnTo }`): sessionStorage, under this prefix + the state id. Deleted after the callback.
 */
export const SIGNIN_STATE_PREFIX = 'atrium.oidc.signin.';

/**
 * `value` as a same-origin path (`/accounts?x#y`), or `fallback` when it is anything else: an
 * absolute URL elsewhere, `//host`, `/\host`, or not a string. Sign-in never sends a user to
 * another site. (The rule is the policy module's `sameOriginPath`.)
 *
 * @example
 * ```ts
 * safeReturnTo('/accounts/1?tab=2'); // '/accounts/1?tab=2'
 * safeReturnTo('https://evil.example/'); // '/'
 * ```
 */
export function safeReturnTo(value: unknown, fallback = '/', origin: string = location.origin): string {
  return sameOriginPath(value, origin) ?? fallback;
}
