import { describe, expect, it } from 'vitest';
import { AtriumError, ERROR_BRAND, isAtriumError } from './atrium-error.js';
import { ApiError, HttpError, TimeoutError } from './api-errors.js';
import { isAbortError, isApiError, isAuthError, isHttpError, isNetworkError, isTimeoutError } from './guards.js';

const context = { apiName: 'customer-api', method: 'GET', url: 'https://api.x/accounts' };

describe('error guards', () => {
  it('recognise errors of this bundle by their brand', () => {
    const error = new HttpError('m', { ...context, status: 503, statusText: 'Service Unavailable' });
    expect(isHttpError(error)).toBe(true);
    expect(isApiError(error)).toBe(true);
    expect(isAtriumError(error)).toBe(true);
    expect(error).toBeInstanceOf(ApiError);
    expect(isTimeoutError(error)).toBe(false);
    expect(error[ERROR_BRAND]).toEqual(['AtriumError', 'ApiError', 'HttpError']);
  });

  it('recognise errors thrown by a second bundled copy of the package', async () => {
    // A real second module instance (another URL, so another evaluation): other class identities.
    // @ts-expect-error a query string makes a second module instance; TypeScript does not resolve it
    const copy = (await import('./api-errors.js?second-bundle')) as typeof import('./api-errors.js');
    expect(copy.TimeoutError).not.toBe(TimeoutError);
    const foreign = new copy.TimeoutError('m', { ...context, kind: 'total', timeoutMs: 1 });
    expect(foreign).not.toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(foreign)).toBe(true);
    expect(isApiError(foreign)).toBe(true);
    expect(isAtriumError(foreign)).toBe(true);
    expect(isNetworkError(foreign)).toBe(false);

    // @ts-expect-error as above
    const base = (await import('./atrium-error.js?second-bundle')) as typeof import('./atrium-error.js');
    expect(base.AtriumError).not.toBe(AtriumError);
    expect(isAtriumError(new base.AtriumError('from the other copy'))).toBe(true);
  });

  it('recognise a subclass defined outside the package (as the host does) as Atrium errors', () => {
    class ManifestError extends AtriumError {
      static override readonly errorKind = 'ManifestError';
      override name = 'ManifestError';
    }
    expect(isAtriumError(new ManifestError('bad'))).toBe(true);
    expect(isApiError(new ManifestError('bad'))).toBe(false);
  });

  it('do not mistake look-alikes: same name, same fields, no brand', () => {
    expect(isTimeoutError(new DOMException('x', 'TimeoutError'))).toBe(false);
    const lookAlike = Object.assign(new Error('m'), { name: 'AuthError', ...context, reason: 'rejected' });
    expect(isAuthError(lookAlike)).toBe(false);
    expect(isApiError(lookAlike)).toBe(false);
    expect(isAtriumError(null)).toBe(false);
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
  });
});
