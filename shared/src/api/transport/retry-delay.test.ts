import { describe, expect, it } from 'vitest';
import { resolveApiOptions } from '../config/resolve-api-options.js';
import { parseRetryAfter, retryDelay } from './retry-delay.js';
import { buildUrl, pathUnderBase } from './url.js';

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    const now = Date.parse('Wed, 21 Oct 2015 07:27:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unparsable values', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('retryDelay', () => {
  const policy = resolveApiOptions('a', { baseUrl: 'https://x', retry: { backoffMs: 100, maxBackoffMs: 250, maxRetryAfterMs: 1_000 } }).retry;

  it('backs off exponentially with full jitter, up to the cap', () => {
    expect(retryDelay(policy, 1, undefined, () => 1)).toBe(100);
    expect(retryDelay(policy, 2, undefined, () => 1)).toBe(200);
    expect(retryDelay(policy, 5, undefined, () => 1)).toBe(250);
    expect(retryDelay(policy, 2, undefined, () => 0.5)).toBe(100);
  });

  it('honours Retry-After up to maxRetryAfterMs', () => {
    expect(retryDelay(policy, 1, 300)).toBe(300);
    expect(retryDelay(policy, 1, 86_400_000)).toBe(1_000);
  });
});

describe('buildUrl', () => {
  it('fills and encodes path parameters and sorts the query', () => {
    expect(buildUrl('https://api.x/v1', '/accounts/{id}', { id: 'a/b?c' }, { z: 1, a: ['x', 'y'], skip: undefined })).toBe(
      'https://api.x/v1/accounts/a%2Fb%3Fc?a=x&a=y&z=1',
    );
  });

  it('refuses dot segments that would address another resource', () => {
    expect(() => buildUrl('https://api.x/v1', '/accounts/{id}', { id: '..' })).toThrow(TypeError);
    expect(() => buildUrl('https://api.x/v1', '/accounts/{id}', {})).toThrow(/params\.path\.id is required/);
  });

  it('resolves protocol-relative and absolute URLs as URLs', () => {
    expect(buildUrl('https://api.x/v1', '//evil.example/x')).toBe('https://evil.example/x');
    expect(buildUrl('https://api.x/v1', 'https://other.example/y')).toBe('https://other.example/y');
  });

  it('finds the path under the base URL on a segment boundary', () => {
    expect(pathUnderBase('https://api.x/v1', 'https://api.x/v1/accounts/1?x=1')).toBe('/accounts/1');
    expect(pathUnderBase('https://api.x/v1', 'https://api.x/v10/accounts')).toBe('https://api.x/v10/accounts');
  });
});
