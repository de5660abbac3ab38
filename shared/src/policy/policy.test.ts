import { describe, expect, it } from 'vitest';
import { checkRemoteUrl, isActiveAt, isMfeName, isSameOrigin, isUrlRefusal, matchesOriginPattern, matchesPrefix, normalizeOrigin, originSet, resolveOnOrigin, routesOf, sameOriginPath } from './index.js';

describe('normalizeOrigin', () => {
  it('keeps exact origins and drops a trailing slash', () => {
    expect(normalizeOrigin('https://cdn.example.com/')).toBe('https://cdn.example.com');
    expect(normalizeOrigin('http://localhost:5201')).toBe('http://localhost:5201');
  });

  it.each(['https://cdn.example.com/path', 'https://*.example.com', 'ftp://x.example.com', 'cdn.example.com', 'https://a@b.example.com', 'https://x.example.com/?q'])('refuses %s', (value) => {
    expect(normalizeOrigin(value)).toBeUndefined();
  });

  it('turns a list into a set, naming the option and the bad entry', () => {
    expect([...originSet(['https://a.example/', 'https://a.example'], 'allowedOrigins')]).toEqual(['https://a.example']);
    expect(() => originSet(['https://a.example/x'], 'embed.allowedEmbedders')).toThrow('embed.allowedEmbedders contains "https://a.example/x", which is not an exact origin');
  });
});

describe('isSameOrigin', () => {
  it('parses, never prefix-matches', () => {
    expect(isSameOrigin('https://api.x/v1/a', 'https://api.x')).toBe(true);
    expect(isSameOrigin('https://api.x.evil/v1', 'https://api.x')).toBe(false);
    expect(isSameOrigin('https://api.x@evil.example/v1', 'https://api.x')).toBe(false);
    expect(isSameOrigin('//evil.example/x', 'https://api.x', 'https://api.x/')).toBe(false);
    expect(isSameOrigin('data:text/plain,x', 'null')).toBe(false);
    expect(isSameOrigin('not a url', 'https://api.x')).toBe(false);
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

  it('refuses protocol-relative, plain http off loopback, credentials and javascript:', () => {
    expect(checkRemoteUrl('//cdn.example.com/a.js', allowed)).toMatchObject({ problem: expect.stringContaining('protocol-relative') });
    expect(checkRemoteUrl('http://cdn.example.com/a.js', new Set(['http://cdn.example.com']))).toMatchObject({ problem: expect.stringContaining('only https') });
    expect(checkRemoteUrl('https://u:p@cdn.example.com/a.js', allowed)).toMatchObject({ problem: expect.stringContaining('credentials') });
    expect(isUrlRefusal(checkRemoteUrl('javascript:alert(1)', allowed))).toBe(true);
    expect(isUrlRefusal(checkRemoteUrl('http://localhost:5201/a.js', new Set(['http://localhost:5201'])))).toBe(false);
  });
});

describe('resolveOnOrigin', () => {
  it('keeps files on the base origin only', () => {
    const base = new URL('https://cdn.example.com/m/1/remoteEntry.js');
    expect(resolveOnOrigin('assets/a.css', base)?.href).toBe('https://cdn.example.com/m/1/assets/a.css');
    expect(resolveOnOrigin('//evil.example/a.css', base)).toBeUndefined();
    expect(resolveOnOrigin('https://evil.example/a.css', base)).toBeUndefined();
  });
});

describe('sameOriginPath', () => {
  const origin = 'https://bank.example';
  it.each([
    ['/accounts/1?tab=2#x', '/accounts/1?tab=2#x'],
    ['javascript:alert(1)', undefined],
    ['https://evil.example/', undefined],
    ['//evil.example/x', undefined],
    ['/\\evil.example', undefined],
    ['accounts', undefined],
    [42, undefined],
  ])('%s → %s', (value, expected) => {
    expect(sameOriginPath(value, origin)).toBe(expected);
  });
});

describe('matchesOriginPattern', () => {
  it('matches exact origins and any port of a loopback wildcard', () => {
    expect(matchesOriginPattern('http://localhost:5999', 'http://localhost:*')).toBe(true);
    expect(matchesOriginPattern('https://localhost:5999', 'http://localhost:*')).toBe(false);
    expect(matchesOriginPattern('https://review.example.com', 'https://review.example.com/')).toBe(true);
    expect(matchesOriginPattern('https://review.example.com.evil.net', 'https://review.example.com')).toBe(false);
  });
});

describe('routes', () => {
  it('matches prefixes at segment boundaries', () => {
    expect(matchesPrefix('/accounts/1', '/accounts')).toBe(true);
    expect(matchesPrefix('/accountsx', '/accounts')).toBe(false);
    expect(matchesPrefix('/anything', '/')).toBe(true);
    expect(isActiveAt(routesOf(['/a/', '/b']), '/b/c')).toBe(true);
    expect(isActiveAt(routesOf('always'), '/x')).toBe(true);
    expect(routesOf('/accounts/')).toEqual(['/accounts']);
  });
});

describe('isMfeName', () => {
  it('admits lowercase names (prototype words included: names are data) and nothing else', () => {
    expect(isMfeName('constructor')).toBe(true);
    expect(isMfeName('__proto__')).toBe(false);
    expect(isMfeName('toString')).toBe(false);
    expect(isMfeName('a'.repeat(65))).toBe(false);
  });
});
