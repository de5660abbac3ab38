import type { Session } from '@atrium/shared';

/**
 * What MFEs get: a frozen view of the host's session. Reading works as on the live object;
 * nothing on it can set, replace or forge the user (no setter, no `set`, accessors not
 * reconfigurable, users frozen), so an MFE cannot change who is signed in. `signIn`/`signOut`
 * go through the host, which alone decides the outcome.
 *
 * @example
 * ```ts
 * const props = { session: readOnlySession(live) };
 * ```
 */
export function readOnlySession(live: Session): Session {
  return Object.freeze({
    get enabled() {
      return live.enabled;
    },
    get isAuthenticated() {
      return live.isAuthenticated;
    },
    get user() {
      return live.user;
    },
    signIn: (returnTo?: string) => live.signIn(returnTo),
    signOut: () => live.signOut(),
    on: (event: Parameters<Session['on']>[0], listener: Parameters<Session['on']>[1]) => live.on(event, listener),
  });
}
