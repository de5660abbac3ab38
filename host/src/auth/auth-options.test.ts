import { describe, expect, it } from 'vitest';
import { resolveAuthOptions, resolveEmbedderAuth, tokenTargets } from './auth-options.js';
import { safeReturnTo } from './return-to.js';
import { schemaChecks } from '../validation/schemas.js';

const origin = 'https://bank.example';

describe('resolveAuthOptions', () => {
  it('applies defaults: callback path, identity scopes, persistent (DPoP-bound) storage, issuer = authority', () => {
    expect(resolveAuthOptions({ authority: 'https://idp.example/realms/bank', clientId: 'atrium-host' }, origin, schemaChecks)).toMatchObject({
      issuer: 'https://idp.example/realms/bank',
      redirectUri: 'https://bank.example/auth/callback',
      postLogoutRedirectUri: 'https://bank.example/',
      scopes: ['openid', 'profile', 'email'],
      storage: 'persistent',
      endSessionAtIdp: true,
    });
  });

  it('refuses plain http except on localhost, naming the field', () => {
    expect(() => resolveAuthOptions({ authority: 'http://idp.example', clientId: 'x' }, origin, schemaChecks)).toThrow(/"auth\.authority": must be an absolute https URL/);
    expect(resolveAuthOptions({ authority: 'http://localhost:5400', clientId: 'x' }, origin, schemaChecks).authority).toBe('http://localhost:5400');
  });

  it('refuses scopes without openid, an off-site redirect path, unknown storage and unknown keys', () => {
    expect(() => resolveAuthOptions({ authority: 'https://i.x', clientId: 'x', scopes: ['profile'] }, origin, schemaChecks)).toThrow(/"auth\.scopes": must include "openid"/);
    expect(() => resolveAuthOptions({ authority: 'https://i.x', clientId: 'x', redirectPath: '//evil.example/cb' }, origin, schemaChecks)).toThrow(/redirectPath/);
    expect(() => resolveAuthOptions({ authority: 'https://i.x', clientId: 'x', storage: 'local' }, origin, schemaChecks)).toThrow(/storage/);
    expect(() => resolveAuthOptions({ authority: 'https://i.x', clientId: 'x', secret: 's' }, origin, schemaChecks)).toThrow(/secret/);
  });

  it('explains that sessionStorage is gone rather than keep a bearer refresh token there', () => {
    expect(() => resolveAuthOptions({ authority: 'https://i.x', clientId: 'x', storage: 'session' }, origin, schemaChecks)).toThrow(/"auth\.storage": must be "persistent" or "memory" \("session" is gone/);
  });
});

describe('resolveEmbedderAuth', () => {
  const auth = { authority: 'https://idp.example', clientId: 'atrium-host', embedders: { 'https://blog.example': { clientId: 'widgets-blog' } } };
  const apis = { 'customer-api': { baseUrl: 'https://api.x', auth: { type: 'oidc', resource: 'https://api.x', scopes: ['accounts:read', 'transfers:write'] } } };

  it('uses the embedder’s own client, the site’s one callback page, memory only, and read scopes by default', () => {
    const options = resolveEmbedderAuth(auth, apis, 'https://blog.example', schemaChecks);
    expect(options).toMatchObject({
      clientId: 'widgets-blog', redirectPath: '/atrium/callback/', redirectUri: 'https://blog.example/atrium/callback/',
      postLogoutRedirectUri: 'https://blog.example/atrium/callback/', storage: 'memory', apiScopes: ['accounts:read'],
    });
    expect(tokenTargets(apis, options.apiScopes)).toEqual([{ name: 'customer-api', resource: 'https://api.x', scopes: ['accounts:read'] }]);
  });

  it('narrows to the scopes the deployment lists for that embedder', () => {
    const listed = { ...auth, embedders: { 'https://blog.example': { clientId: 'widgets-blog', scopes: ['transfers:write'] } } };
    const options = resolveEmbedderAuth(listed, apis, 'https://blog.example', schemaChecks);
    expect(tokenTargets(apis, options.apiScopes)[0]?.scopes).toEqual(['transfers:write']);
  });

  it('takes the callback path the deployment lists for that embedder, and only a same-origin path', () => {
    const moved = { ...auth, embedders: { 'https://blog.example': { clientId: 'widgets-blog', callbackPath: '/index.php/atrium/callback/' } } };
    expect(resolveEmbedderAuth(moved, apis, 'https://blog.example', schemaChecks).redirectUri).toBe('https://blog.example/index.php/atrium/callback/');
    for (const callbackPath of ['//evil.example/cb', 'https://evil.example/cb', '/cb?next=/x', 'cb']) {
      expect(() => resolveEmbedderAuth({ ...auth, embedders: { 'https://blog.example': { clientId: 'w', callbackPath } } }, apis, 'https://blog.example', schemaChecks)).toThrow(/callbackPath/);
    }
  });

  it('refuses an origin without its own client instead of borrowing the portal’s', () => {
    expect(() => resolveEmbedderAuth(auth, apis, 'https://other.example', schemaChecks)).toThrow(/no client for widgets on https:\/\/other\.example/);
    expect(() => resolveEmbedderAuth({ ...auth, embedders: { 'https://blog.example/path': { clientId: 'x' } } }, apis, 'https://blog.example', schemaChecks)).toThrow(/keys must be origins/);
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
