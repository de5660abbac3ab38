import { ErrorResponse } from 'oidc-client-ts';
import { isSessionError, SessionError } from '../session-error.js';
import { safeReturnTo } from '../return-to.js';

/** Where the user was headed, from the state the sign-in request carried. */
export function returnToFrom(state: unknown): string {
  const value = typeof state === 'object' && state !== null ? (state as { returnTo?: unknown }).returnTo : undefined;
  return safeReturnTo(value);
}

const STATE_PROBLEM = /No state in response|No matching state found|State does not match/;

/**
 * Turns whatever the callback step threw into a SessionError whose message a user can act on.
 *
 * @example
 * ```ts
 * try { await manager.signinRedirectCallback(); } catch (e) { throw callbackError(e); }
 * ```
 */
export function callbackError(error: unknown, authority: string): SessionError {
  if (isSessionError(error)) return error;
  if (error instanceof ErrorResponse || (error instanceof Error && error.name === 'ErrorResponse')) {
    const response = error as ErrorResponse;
    const returnTo = returnToFrom(response.state);
    if (response.error === 'access_denied') {
      return new SessionError('access-denied', 'Sign-in was cancelled, so you are still signed out.', { cause: error, returnTo });
    }
    const detail = response.error_description ? ` (${response.error_description})` : '';
    return new SessionError('idp-error', `Sign-in failed: the identity provider answered "${response.error}"${detail}. Please try again.`, { cause: error, returnTo });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (STATE_PROBLEM.test(message)) {
    return new SessionError(
      'invalid-state',
      'This sign-in response is not valid here (it was already used, has expired, or was not started from this tab), so nothing was signed in. Please sign in again.',
      { cause: error },
    );
  }
  return unreachable(error, authority) ?? new SessionError('callback-failed', `Sign-in could not be completed (${message}). Please try again.`, { cause: error });
}

/** A SessionError for a network failure talking to the IdP, or undefined for anything else. */
export function unreachable(error: unknown, authority: string): SessionError | undefined {
  const isNetwork = error instanceof TypeError || (error instanceof Error && (error.name === 'ErrorTimeout' || /Failed to fetch|NetworkError|Load failed|network/i.test(error.message)));
  if (!isNetwork) return undefined;
  return new SessionError('idp-unreachable', `Sign-in is not available right now: the sign-in service (${authority}) is unreachable. Please try again in a moment.`, { cause: error });
}
