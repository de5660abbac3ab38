/** The signed-in person, as the identity provider describes them. */
export interface SessionUser {
  /** Stable subject identifier from the IdP. */
  readonly sub: string;
  readonly name?: string;
  readonly email?: string;
  /** Every ID-token claim, for roles and the like. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** What happened to the session. `expired` means the user must sign in again. */
export type SessionEvent = 'signed-in' | 'signed-out' | 'expired';

/**
 * The page's single sign-on session, the same object for every MFE and widget. Without SSO
 * configured it is permanently signed out and `signIn` explains that.
 *
 * Access tokens are not part of it: only the API layer gets them, per API.
 *
 * @example
 * ```ts
 * if (!session.isAuthenticated) button.onclick = () => session.signIn(location.pathname);
 * const stop = session.on('signed-out', () => render());
 * ```
 */
export interface Session {
  /** False when SSO is off for this page. */
  readonly enabled: boolean;
  readonly isAuthenticated: boolean;
  readonly user: SessionUser | undefined;
  /** Sends the user to the IdP and back to `returnTo` (a same-origin path; default: here). */
  signIn(returnTo?: string): Promise<void>;
  /** Ends the session here and at the IdP; cached API data of this user is dropped. */
  signOut(): Promise<void>;
  /** Subscribes to session changes; returns the unsubscribe function. */
  on(event: SessionEvent, listener: (user: SessionUser | undefined) => void): () => void;
}

/**
 * A session for a page without single sign-on: permanently signed out; `signIn` rejects with
 * `why`, so an MFE can show the reason.
 *
 * @example
 * ```ts
 * const session = disabledSession('single sign-on is not configured for this page');
 * ```
 */
export function disabledSession(why: string): Session {
  return {
    enabled: false,
    isAuthenticated: false,
    user: undefined,
    signIn: () => Promise.reject(new Error(why)),
    signOut: () => Promise.resolve(),
    on: () => () => undefined,
  };
}
