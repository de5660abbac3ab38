import { describe, expect, it } from 'vitest';
import { checkRemoteUrl, isUrlRefusal, normalizeOrigin } from './url-policy.js';

describe('normalizeOrigin', () => {
  it('keeps exact origins and drops a trailing slash', () => {
    expect(normalizeOrigin('https://cdn.example.com/')).toBe('https://cdn.example.com');
    expect(normalizeOrigin('http://localhost:5201')).toBe('http://localhost:5201');
  });

  it.each(['https://cdn.example.com/path', 'https://*.example.com', 'ftp://x.example.com', 'cdn.example.com', 'https://a@b.example.com'])('refuses %s', (value) => {
    expect(normalizeOrigin(value)).toBeUndefined();
  });
});

describe('checkRemoteUrl', () => {
  const allowed = new Set(['https://cdn.example.com']);

  it('compares origins exactly: a port or subdomain is another origin', () => {
    expect(isUrlRefusal(checkRemoteUrl('https://cdn.example.com/a.js', allowed))).toBe(false);
    expect(isUrlRefusal(checkRemoteUrl('https://cdn.example.com:8443/a.js', allowed))).toBe(true);
    expect(isUrlRefusal(checkRemoteUrl('https://x.cdn.example.com/a.js', allowed))).toBe(true);
    expect(isUrlRefusal(checkRemoteUrl('https://cdn.example.com.evil.net/a.js', allowed))).toBe(true);
  });
});
