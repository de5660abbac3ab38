import type { Session } from '@atrium/shared';

/** The session of a page without SSO: always signed out, and says so when asked to sign in. */
export const anonymousSession: Session = {
  enabled: false,
  isAuthenticated: false,
  user: undefined,
  signIn: () => Promise.reject(new Error('single sign-on is not configured for this page (no "auth" in the host config)')),
  signOut: () => Promise.resolve(),
  on: () => () => undefined,
};
