import { describe, expect, it } from 'vitest';
import { buildUrl, pathUnderBase } from './url.js';

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
