// Sign-in for widgets on a CMS page, through the site's ONE callback page (README, "Signing in
// from a widget"). The IdP may only send a visitor to that page, but the widget session lives in
// the memory of the page the visitor started from: the callback page hands the IdP's answer over
// (sessionStorage of this origin and tab, never a URL) and returns the visitor there, and that
// page finishes the sign-in. Only `take` runs on every page (one sessionStorage read); the
// callback page's code is a chunk of its own.
import { createLogger } from '@atrium/shared';
import type { CallbackRelay } from '../auth/index.js';
import { safeReturnTo } from '../auth/index.js';
import { AFTER_SIGN_OUT, HAND_OVER_MAX_AGE_MS, HANDED_OVER, takeItem } from './callback-storage.js';

const log = createLogger('host:widgets');

/**
 * The widgets' {@link CallbackRelay}.
 *
 * @example
 * ```ts
 * createPageRuntime({ ..., context: { ..., embedded: true }, relay: callbackRelay });
 * ```
 */
export const callbackRelay: CallbackRelay = {
  atCallback: (callbackPath) => import('./callback-page.js').then((page) => page.returnFromCallback(callbackPath)),

  take(callbackPath) {
    const raw = takeItem(HANDED_OVER);
    if (raw === undefined) return undefined;
    try {
      const { url, at } = JSON.parse(raw) as { url?: unknown; at?: unknown };
      const answer = typeof url === 'string' ? URL.parse(url) : null;
      const fresh = typeof at === 'number' && Date.now() - at < HAND_OVER_MAX_AGE_MS;
      if (answer?.origin === location.origin && answer.pathname === callbackPath && fresh) return answer.href;
    } catch {
      // Not ours, or damaged: dropped like a stale one.
    }
    log.warn('dropped a sign-in answer left by the callback page (stale or not for this page); sign in again');
    return undefined;
  },

  leaving(returnTo) {
    try {
      sessionStorage.setItem(AFTER_SIGN_OUT, safeReturnTo(returnTo));
    } catch {
      // No storage: the callback page sends the visitor to the site's home instead.
    }
  },
};
