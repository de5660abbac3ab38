// The site's one callback page (e.g. /atrium/callback/, served by the WordPress plugin or
// published by the site): what embed.js does there. Loaded only on that page.
import { createLogger } from '@atrium/shared';
// Straight from the modules, not the auth index: the callback decisions stay in this lazy chunk.
import { returnPathOnSite, storedReturnTo } from '../auth/callback-return.js';
import { SIGNIN_STATE_PREFIX } from '../auth/return-to.js';
import { AFTER_SIGN_OUT, HANDED_OVER, takeItem } from './callback-storage.js';

const log = createLogger('host:widgets');

export const NOT_STARTED_HERE = 'This sign-in response is not valid here (it was already used, has expired, or was not started from this browser tab), so nothing was signed in. Please sign in again from the page you were on.';
export const OFF_SITE = 'Sign-in was stopped: the page it was to return to is not a page of this site, so nothing was signed in.';

/**
 * Back from the IdP: hands its answer to the page the sign-in started from and goes there. That
 * page is the `returnTo` stored with this sign-in's state in this tab (never read from the URL)
 * and must be a page of this site; otherwise nothing is signed in and the visitor is told, with
 * a link to the site's home. Back from signing out: to the page the visitor signed out on.
 * Never settles when it navigates.
 */
export function returnFromCallback(callbackPath: string): Promise<void> {
  const params = new URLSearchParams(location.search);
  const state = params.get('state');
  if (state === null || !(params.has('code') || params.has('error'))) {
    const back = returnPathOnSite(takeItem(AFTER_SIGN_OUT), callbackPath) ?? (callbackPath === '/' ? undefined : '/');
    return back ? leaveFor(back) : Promise.resolve();
  }
  const returnTo = storedReturnTo(state, sessionStorage);
  if (returnTo === null) return refuse(callbackPath, NOT_STARTED_HERE);
  const path = returnPathOnSite(returnTo, callbackPath);
  if (path === undefined) {
    // The code must not be usable later either: its state goes.
    sessionStorage.removeItem(SIGNIN_STATE_PREFIX + state);
    return refuse(callbackPath, OFF_SITE);
  }
  sessionStorage.setItem(HANDED_OVER, JSON.stringify({ url: location.href, at: Date.now() }));
  return leaveFor(path);
}

function leaveFor(path: string): Promise<void> {
  location.replace(path);
  return new Promise(() => undefined);
}

function refuse(callbackPath: string, message: string): Promise<void> {
  // The code and state leave the address bar and the history entry.
  history.replaceState(null, '', callbackPath);
  log.warn(message);
  const slot = document.querySelector('[data-atrium-callback]') ?? document.body.appendChild(document.createElement('p'));
  slot.setAttribute('role', 'alert');
  const home = document.createElement('a');
  home.href = '/';
  home.textContent = 'Continue to the home page';
  slot.replaceChildren(`${message} `, home);
  return Promise.resolve();
}
