import { hasErrorKind } from './atrium-error.js';
import type { ApiError, AuthError, HttpError, NetworkError, SchemaError, TimeoutError } from './api-errors.js';

// Every guard reads the brand (see atrium-error.ts), never `instanceof` or `name`: an MFE
// bundling its own copy of this package throws errors of another class identity, and ky's and
// the DOM's `TimeoutError` share the name.
function guard<T>(kind: string): (value: unknown) => value is T {
  return (value: unknown): value is T => hasErrorKind(value, kind);
}

/**
 * True for any error of the API family, also from another bundled copy.
 *
 * @example
 * ```ts
 * if (isApiError(e)) report(e.apiName, e.message);
 * ```
 */
export const isApiError = guard<ApiError>('ApiError');

/** True for an {@link HttpError}. @example `if (isHttpError(e) && e.status === 404) showEmpty();` */
export const isHttpError = guard<HttpError>('HttpError');

/** True for an API {@link TimeoutError}. @example `if (isTimeoutError(e)) showRetry();` */
export const isTimeoutError = guard<TimeoutError>('TimeoutError');

/** True for an API {@link NetworkError}. @example `if (isNetworkError(e) && e.offline) showOffline();` */
export const isNetworkError = guard<NetworkError>('NetworkError');

/** True for a {@link SchemaError}. @example `if (isSchemaError(e)) log.error(e.issues);` */
export const isSchemaError = guard<SchemaError>('SchemaError');

/** True for an {@link AuthError}. @example `if (isAuthError(e)) return; // host shows sign-in` */
export const isAuthError = guard<AuthError>('AuthError');

/**
 * True when a call ended because its signal was aborted (the MFE unmounted, the caller gave up).
 * Such calls reject with the signal's reason, as `fetch` does, not with an {@link ApiError}.
 *
 * @example
 * ```ts
 * try { await api.get('/accounts', { signal }); } catch (e) { if (isAbortError(e)) return; throw e; }
 * ```
 */
export function isAbortError(value: unknown): boolean {
  return (value instanceof Error || (typeof DOMException !== 'undefined' && value instanceof DOMException)) && (value as Error).name === 'AbortError';
}
