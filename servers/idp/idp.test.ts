// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startAll, headlessLogin, refreshTokens } from '../index.mjs';

const REDIRECT_URI = 'http://localhost:5173/auth/callback';
let servers: Awaited<ReturnType<typeof startAll>>;

beforeAll(async () => {
  servers = await startAll({ ports: { idp: 0, customerApi: 0, thirdPartyApi: 0 }, redirectUris: [REDIRECT_URI], testHooks: true });
});
afterAll(async () => {
  await servers?.close();
});

const login = (username = 'alice') => headlessLogin({ idpUrl: servers.idp.url, redirectUri: REDIRECT_URI, username, password: username });

async function accounts(accessToken: string): Promise<Response> {
  return fetch(`${servers.customerApi.url}/accounts`, { headers: { Authorization: `Bearer ${accessToken}` } });
}

describe('idp', () => {
  it('publishes a discovery document with S256 PKCE, JWKS and refresh tokens', async () => {
    const res = await fetch(`${servers.idp.url}/.well-known/openid-configuration`);
    const discovery = (await res.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: servers.idp.url,
      jwks_uri: `${servers.idp.url}/jwks`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
    const jwks = (await (await fetch(servers.idp.jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('signs alice in with code + PKCE and issues a JWT access token the customer API accepts', async () => {
    const tokens = await login();
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('at+jwt');
    expect(decodeJwt(tokens.access_token)).toMatchObject({ sub: 'alice', aud: servers.customerApi.audience, iss: servers.idp.issuer, scope: 'accounts:read transfers:write' });
    expect(decodeJwt(tokens.id_token ?? '')).toMatchObject({ sub: 'alice', name: 'Alice Martin', aud: 'atrium-host' });
    expect(tokens.expires_in).toBe(60);
    expect((await accounts(tokens.access_token)).status).toBe(200);
    const me = await fetch(`${servers.customerApi.url}/me`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(await me.json()).toMatchObject({ sub: 'alice', name: 'Alice Martin' });
  });

  it('rotates refresh tokens and revokes the grant when an old one is reused', async () => {
    const first = await login();
    const second = await refreshTokens({ idpUrl: servers.idp.url, refreshToken: first.refresh_token ?? '' });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await accounts(second.access_token)).status).toBe(200);
    await expect(refreshTokens({ idpUrl: servers.idp.url, refreshToken: first.refresh_token ?? '' })).rejects.toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // Reuse revoked the whole grant, so the newest refresh token is dead too.
    await expect(refreshTokens({ idpUrl: servers.idp.url, refreshToken: second.refresh_token ?? '' })).rejects.toMatchObject({ body: { error: 'invalid_grant' } });
  });

  it('revokes every grant of a user through the test hook', async () => {
    const bob = await login('bob');
    const res = await fetch(`${servers.idp.url}/__revoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub: 'bob' }) });
    expect(await res.json()).toMatchObject({ sub: 'bob', revokedGrants: 1, endedSessions: 1 });
    await expect(refreshTokens({ idpUrl: servers.idp.url, refreshToken: bob.refresh_token ?? '' })).rejects.toMatchObject({ body: { error: 'invalid_grant' } });
  });

  it('refuses a wrong password with the login page again', async () => {
    await expect(headlessLogin({ idpUrl: servers.idp.url, redirectUri: REDIRECT_URI, username: 'alice', password: 'nope' })).rejects.toThrow(/wrong username or password/);
  });

  it('allows CORS on the token endpoint for the client origin only', async () => {
    const allowed = await fetch(`${servers.idp.url}/token`, { method: 'OPTIONS', headers: { 'Origin': 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const denied = await fetch(`${servers.idp.url}/token`, {
      method: 'POST',
      headers: { 'Origin': 'https://evil.test', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'atrium-host' }),
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('renders its own login page without external resources', async () => {
    const res = await fetch(`${servers.idp.url}/auth?client_id=atrium-host&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`, { redirect: 'manual' });
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const page = await fetch(new URL(res.headers.get('location') ?? '', servers.idp.url), { headers: { cookie } });
    const html = await page.text();
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('fails with a message naming the port when the port is taken', async () => {
    await expect(startAll({ ports: { idp: servers.idp.port, customerApi: 0, thirdPartyApi: 0 } })).rejects.toThrow(
      `idp: port ${servers.idp.port} on 127.0.0.1 is already in use (EADDRINUSE)`,
    );
  });
});
