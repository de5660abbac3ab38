import { describe, expect, it } from 'vitest';
import { resolveApiOptions, resolveApisOptions } from './resolve-api-options.js';

describe('resolveApiOptions', () => {
  it('applies defaults and derives the token origin', () => {
    const api = resolveApiOptions('customer-api', { baseUrl: 'https://api.example.com/v1/' });
    expect(api.baseUrl).toBe('https://api.example.com/v1');
    expect(api.origin).toBe('https://api.example.com');
    expect(api.auth).toEqual({ type: 'none' });
    expect(api.timeouts).toEqual({ attemptMs: 10_000, totalMs: 30_000 });
    expect(api.retry.limit).toBe(2);
    expect([...api.retry.methods]).toEqual(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
    expect(api.maxErrorBodyBytes).toBe(65_536);
    expect(api.maxBodyBytes).toBe(5 * 1024 * 1024);
    expect(api.dpop).toBe(false);
    expect(api.cache.defaults).toBeUndefined();
  });

  it('resolves OIDC auth and per-endpoint cache policies', () => {
    const api = resolveApiOptions('customer-api', {
      baseUrl: 'https://api.example.com',
      auth: { type: 'oidc', audience: 'customer', scopes: ['read'] },
      cache: { ttlMs: 1_000, endpoints: { '/me': false, '/accounts': { ttlMs: 5, staleWhileRevalidateMs: 10 } } },
    });
    expect(api.auth).toEqual({ type: 'oidc', audience: 'customer', scopes: ['read'] });
    expect(api.cache.defaults).toEqual({ ttlMs: 1_000, staleWhileRevalidateMs: 0 });
    expect(api.cache.endpoints.get('/me')).toBe(false);
  });

  it('refuses insecure, relative or credential-bearing base URLs, naming the option', () => {
    expect(() => resolveApiOptions('a', { baseUrl: 'http://api.example.com' })).toThrow(/apis\.a\.baseUrl must use https:/);
    expect(() => resolveApiOptions('a', { baseUrl: '/api' })).toThrow(TypeError);
    expect(() => resolveApiOptions('a', { baseUrl: 'https://u:p@api.example.com' })).toThrow(/credentials/);
    expect(() => resolveApiOptions('a', { baseUrl: 'http://localhost:3000' })).not.toThrow();
  });

  it('refuses retrying POST or PATCH and out-of-range numbers', () => {
    // @ts-expect-error POST is not idempotent, so the type refuses it too
    expect(() => resolveApiOptions('a', { baseUrl: 'https://x', retry: { methods: ['POST'] } })).toThrow(RangeError);
    expect(() => resolveApiOptions('a', { baseUrl: 'https://x', retry: { limit: -1 } })).toThrow(/retry\.limit/);
    expect(() => resolveApiOptions('a', { baseUrl: 'https://x', timeouts: { attemptMs: 0 } })).toThrow(/timeouts\.attemptMs/);
    expect(() => resolveApiOptions('a', { baseUrl: 'https://x', timeouts: { totalMs: Number.POSITIVE_INFINITY } })).toThrow(RangeError);
  });

  it('refuses a body limit that is not a whole positive number of bytes', () => {
    expect(() => resolveApiOptions('a', { baseUrl: 'https://x', maxBodyBytes: 0 })).toThrow(/apis\.a\.maxBodyBytes must be a whole number of bytes/);
    expect(() => resolveApiOptions('a', { baseUrl: 'https://x', maxBodyBytes: 1.5 })).toThrow(RangeError);
    expect(resolveApiOptions('a', { baseUrl: 'https://x', maxBodyBytes: 1024 }).maxBodyBytes).toBe(1024);
  });

  it('accepts dpop only for an OIDC API', () => {
    expect(() => resolveApiOptions('a', { baseUrl: 'https://x', dpop: true })).toThrow(/apis\.a\.dpop needs auth: \{ type: 'oidc' \}/);
    // @ts-expect-error a string is not a boolean
    expect(() => resolveApiOptions('a', { baseUrl: 'https://x', auth: { type: 'oidc' }, dpop: 'yes' })).toThrow(/apis\.a\.dpop must be true or false/);
    expect(resolveApiOptions('a', { baseUrl: 'https://x', auth: { type: 'oidc' }, dpop: true }).dpop).toBe(true);
  });

  it('resolves a whole config', () => {
    const apis = resolveApisOptions({ one: { baseUrl: 'https://one.example' }, two: { baseUrl: 'https://two.example' } });
    expect(Object.keys(apis)).toEqual(['one', 'two']);
  });
});
