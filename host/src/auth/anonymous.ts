import { disabledSession } from '@atrium/shared/internal';

/** The session of a page without SSO: always signed out, and says so when asked to sign in. */
export const anonymousSession = disabledSession('single sign-on is not configured for this page (no "auth" in the host config)');

/** The DPoP proof source of a page without SSO: there is no token to prove, so the API layer never calls it. */
export const noDpopProof = (): Promise<string> => Promise.reject(new Error('single sign-on is not configured for this page, so there is no DPoP key'));
