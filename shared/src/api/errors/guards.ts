import { ApiError, AuthError, HttpError, NetworkError, SchemaError, TimeoutError } from './api-errors.js';

// Names, not only `instanceof`: an MFE bundling its own copy of this package throws errors of a
// different class identity, and the host must still recognise them.
const API_ERROR_NAMES = new Set(['ApiError', 'HttpError', 'TimeoutError', 'NetworkError', 'SchemaError', 'AuthError']);

function hasApiShape(value: unknown): value is ApiError {
  return value instanceof Error && typeof (value as Partial<ApiError>).apiName === 'string';
}

/**
 * True for any error of the API family, also from another bundled copy.
 *
 * @example
 * ```ts
 * if (isApiError(e)) report(e.apiName, e.message);
 * ```
 */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || (hasApiShape(value) && API_ERROR_NAMES.has(value.name));
}

/** True for an {@link HttpError}. @example `if (isHttpError(e) && e.status === 404) showEmpty();` */
export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError || (hasApiShape(value) && value.name === 'HttpError');
}

/** True for an API {@link TimeoutError}. @example `if (isTimeoutError(e)) showRetry();` */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return value instanceof TimeoutError || (hasApiShape(value) && value.name === 'TimeoutError');
}

/** True for an API {@link NetworkError}. @example `if (isNetworkError(e) && e.offline) showOffline();` */
export function isNetworkError(value: unknown): value is NetworkError {
  return value instanceof NetworkError || (hasApiShape(value) && value.name === 'NetworkError');
}

/** True for a {@link SchemaError}. @example `if (isSchemaError(e)) log.error(e.issues);` */
export function isSchemaError(value: unknown): value is SchemaError {
  return value instanceof SchemaError || (hasApiShape(value) && value.name === 'SchemaError');
}

/** True for an {@link AuthError}. @example `if (isAuthError(e)) return; // host shows sign-in` */
export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError || (hasApiShape(value) && value.name === 'AuthError');
}

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
