import { describe, expect, it } from 'vitest';
import { resolveAuthOptions, tokenTargets } from './auth-options.js';
import { safeReturnTo } from './return-to.js';

const origin = 'https://bank.example';

describe('resolveAuthOptions', () => {
  it('applies defaults: callback path, identity scopes, memory storage, issuer = authority', () => {
    expect(resolveAuthOptions({ authority: 'https://idp.example/realms/bank', clientId: 'atrium-host' }, origin)).toMatchObject({
      issuer: 'https://idp.example/realms/bank',
      redirectUri: 'https://bank.example/auth/callback',
      postLogoutRedirectUri: 'https://bank.example/',
      scopes: ['openid', 'profile', 'email'],
      storage: 'memory',
      endSessionAtIdp: true,
    });
  });

  it('refuses plain http except on localhost, naming the field', () => {
    expect(() => resolveAuthOptions({ authority: 'http://idp.example', clientId: 'x' }, origin)).toThrow(/"auth\.authority": must be an absolute https URL/);
    expect(resolveAuthOptions({ authority: 'http://localhost:5400', clientId: 'x' }, origin).authority).toBe('http://localhost:5400');
  });

  it('refuses scopes without openid, an off-site redirect path, unknown storage and unknown keys', () => {
    expect(() => resolveAuthOptions({ authority: 'https://i.x', clientId: 'x', scopes: ['profile'] }, origin)).toThrow(/"auth\.scopes": must include "openid"/);
    expect(() => resolveAuthOptions({ authority: 'https://i.x', clientId: 'x', redirectPath: '//evil.example/cb' }, origin)).toThrow(/redirectPath/);
    expect(() => resolveAuthOptions({ authority: 'https://i.x', clientId: 'x', storage: 'local' }, origin)).toThrow(/storage/);
    expect(() => resolveAuthOptions({ authority: 'https://i.x', clientId: 'x', secret: 's' }, origin)).toThrow(/secret/);
  });
});

describe('tokenTargets', () => {
  it('lists only OIDC APIs, with their resource, audience and scopes', () => {
    expect(
      tokenTargets({
        'customer-api': { baseUrl: 'https://api.x', auth: { type: 'oidc', resource: 'https://api.x', scopes: ['accounts:read'] } },
        'fx-rates': { baseUrl: 'https://fx.x', auth: 'none' },
        payments: { baseUrl: 'https://pay.x', auth: { type: 'oidc', audience: 'payments' } },
      }),
    ).toEqual([
      { name: 'customer-api', resource: 'https://api.x', scopes: ['accounts:read'] },
      { name: 'payments', audience: 'payments', scopes: [] },
    ]);
    expect(tokenTargets(undefined)).toEqual([]);
  });
});

describe('safeReturnTo', () => {
  it('keeps same-origin paths with query and hash', () => {
    expect(safeReturnTo('/vault?tab=2#top', '/', origin)).toBe('/vault?tab=2#top');
  });

  it('never leads off the site', () => {
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 42, undefined]) {
      expect(safeReturnTo(evil, '/', origin)).toBe('/');
    }
  });
});
