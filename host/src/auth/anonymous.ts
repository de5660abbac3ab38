import { disabledSession } from '@atrium/shared/internal';

/** The session of a page without SSO: always signed out, and says so when asked to sign in. */
export const anonymousSession = disabledSession('single sign-on is not configured for this page (no "auth" in the host config)');
