import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { ApiError, HttpError, TimeoutError } from './api-errors.js';
import { isAbortError, isApiError, isHttpError, isNetworkError, isTimeoutError } from './guards.js';

const context = { apiName: 'customer-api', method: 'GET', url: 'https://api.x/accounts' };

describe('API error guards', () => {
  it('recognise errors of this bundle', () => {
    const error = new HttpError('m', { ...context, status: 503, statusText: 'Service Unavailable' });
    expect(isHttpError(error)).toBe(true);
    expect(isApiError(error)).toBe(true);
    expect(isAtriumError(error)).toBe(true);
    expect(error).toBeInstanceOf(ApiError);
    expect(isTimeoutError(error)).toBe(false);
  });

  it('recognise errors from a duplicated bundle by name', () => {
    // What a second copy of this package throws: same shape and name, another class identity.
    const foreign = Object.assign(new Error('m'), { name: 'TimeoutError', ...context, kind: 'total' });
    expect(isTimeoutError(foreign)).toBe(true);
    expect(isApiError(foreign)).toBe(true);
    expect(isNetworkError(foreign)).toBe(false);
    expect(isAtriumError(new TimeoutError('m', { ...context, kind: 'total', timeoutMs: 1 }))).toBe(true);
  });

  it('do not mistake unrelated errors of the same name', () => {
    expect(isTimeoutError(new DOMException('x', 'TimeoutError'))).toBe(false);
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
  });
});
