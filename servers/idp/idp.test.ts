// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startAll, headlessLogin, refreshTokens, createDpopKey } from '../index.mjs';

const REDIRECT_URI = 'http://localhost:5173/auth/callback';
const CMS_CALLBACK = 'http://localhost:5500/atrium/callback/';
let servers: Awaited<ReturnType<typeof startAll>>;
type DpopKey = Awaited<ReturnType<typeof createDpopKey>>;

beforeAll(async () => {
  servers = await startAll({
    ports: { idp: 0, customerApi: 0, thirdPartyApi: 0 },
    redirectUris: [REDIRECT_URI],
    embedders: [{ clientId: 'atrium-widgets-cms', callbackUri: CMS_CALLBACK }],
    testHooks: true,
  });
});
afterAll(async () => {
  await servers?.close();
});

async function login(username = 'alice') {
  const key = await createDpopKey();
  const tokens = await headlessLogin({ idpUrl: servers.idp.url, redirectUri: REDIRECT_URI, username, password: username, dpopKey: key });
  return { ...tokens, key };
}

const refresh = (refreshToken: string | undefined, key: DpopKey) => refreshTokens({ idpUrl: servers.idp.url, refreshToken: refreshToken ?? '', dpopKey: key });

/** GET /accounts with the token as DPoP, proven with `key` (or a given proof). */
async function accounts(accessToken: string, key: DpopKey, proof?: string): Promise<Response> {
  const url = `${servers.customerApi.url}/accounts`;
  return fetch(url, { headers: { Authorization: `DPoP ${accessToken}`, DPoP: proof ?? (await key.proof({ htm: 'GET', htu: url, accessToken })) } });
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

  it('signs alice in with code + PKCE and issues a DPoP-bound JWT access token the customer API accepts with a proof', async () => {
    const tokens = await login();
    expect(tokens.token_type).toBe('DPoP');
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('at+jwt');
    expect(decodeJwt(tokens.access_token)).toMatchObject({ sub: 'alice', aud: servers.customerApi.audience, iss: servers.idp.issuer, scope: 'accounts:read transfers:write', cnf: { jkt: tokens.key.jkt } });
    expect(decodeJwt(tokens.id_token ?? '')).toMatchObject({ sub: 'alice', name: 'Alice Martin', aud: 'atrium-host' });
    expect(tokens.expires_in).toBe(60);
    expect((await accounts(tokens.access_token, tokens.key)).status).toBe(200);
    const url = `${servers.customerApi.url}/me`;
    const me = await fetch(url, { headers: { Authorization: `DPoP ${tokens.access_token}`, DPoP: await tokens.key.proof({ htm: 'GET', htu: url, accessToken: tokens.access_token }) } });
    expect(await me.json()).toMatchObject({ sub: 'alice', name: 'Alice Martin' });
  });

  it('refuses the portal client a token request without a DPoP proof: it never issues it a bearer refresh token', async () => {
    await expect(headlessLogin({ idpUrl: servers.idp.url, redirectUri: REDIRECT_URI, username: 'alice', password: 'alice' })).rejects.toThrow(/invalid_(request|grant|dpop_proof)|DPoP/);
  });

  it('rotates refresh tokens and revokes the grant when an old one is reused', async () => {
    const first = await login();
    const second = await refresh(first.refresh_token, first.key);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await accounts(second.access_token, first.key)).status).toBe(200);
    await expect(refresh(first.refresh_token, first.key)).rejects.toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // Reuse revoked the whole grant, so the newest refresh token is dead too.
    await expect(refresh(second.refresh_token, first.key)).rejects.toMatchObject({ body: { error: 'invalid_grant' } });
  });

  it('refuses a stolen refresh token presented with another key, or without one', async () => {
    const victim = await login();
    const thief = await createDpopKey();
    await expect(refresh(victim.refresh_token, thief)).rejects.toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    await expect(refreshTokens({ idpUrl: servers.idp.url, refreshToken: victim.refresh_token ?? '' })).rejects.toMatchObject({ status: 400 });
    // The attempts did not burn the grant: its owner, with the key, still refreshes.
    await expect(refresh(victim.refresh_token, victim.key)).resolves.toMatchObject({ token_type: 'DPoP' });
  });

  it('refuses a replayed token-endpoint proof (same jti)', async () => {
    const tokens = await login();
    const proof = await tokens.key.proof({ htm: 'POST', htu: `${servers.idp.url}/token` });
    const next = await refreshTokens({ idpUrl: servers.idp.url, refreshToken: tokens.refresh_token ?? '', dpopProof: proof });
    await expect(refreshTokens({ idpUrl: servers.idp.url, refreshToken: next.refresh_token ?? '', dpopProof: proof })).rejects.toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // Only the proof was wrong: the same refresh token with a fresh proof of the same key works.
    await expect(refresh(next.refresh_token, tokens.key)).resolves.toMatchObject({ token_type: 'DPoP' });
  });

  it('gives the embedder client at most its widget scopes, whatever it asks for', async () => {
    const key = await createDpopKey();
    const tokens = await headlessLogin({ idpUrl: servers.idp.url, redirectUri: CMS_CALLBACK, clientId: 'atrium-widgets-cms', username: 'alice', password: 'alice', dpopKey: key, scope: 'openid profile accounts:read transfers:write', resource: servers.customerApi.audience });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ client_id: 'atrium-widgets-cms', scope: 'accounts:read', cnf: { jkt: key.jkt } });
    const wider = await refreshTokens({ idpUrl: servers.idp.url, refreshToken: tokens.refresh_token ?? '', clientId: 'atrium-widgets-cms', dpopKey: key, resource: servers.customerApi.audience });
    expect(decodeJwt(wider.access_token).scope).toBe('accounts:read');
    // The portal's client does not accept the CMS callback as a redirect URI; the embedder's
    // client accepts its one callback and no other page of the site.
    await expect(headlessLogin({ idpUrl: servers.idp.url, redirectUri: CMS_CALLBACK, username: 'alice', password: 'alice', dpopKey: key })).rejects.toThrow(/redirect_uri/);
    await expect(headlessLogin({ idpUrl: servers.idp.url, redirectUri: 'http://localhost:5500/blog/2026/rates/', clientId: 'atrium-widgets-cms', username: 'alice', password: 'alice', dpopKey: key })).rejects.toThrow(/redirect_uri/);
  });

  it('registers an embedder only with one callback URL, without query or fragment', async () => {
    const { resolveIdpOptions } = await import('./server.mjs');
    expect(resolveIdpOptions({ embedders: [{ clientId: 'w', callbackUri: CMS_CALLBACK }] }).embedders[0]).toMatchObject({ redirectUris: [CMS_CALLBACK], postLogoutRedirectUris: [CMS_CALLBACK], name: 'Widgets on http://localhost:5500' });
    for (const callbackUri of [undefined, 'atrium/callback/', 'http://localhost:5500/atrium/callback/?next=/x', 'http://localhost:5500/cb#x']) {
      expect(() => resolveIdpOptions({ embedders: [{ clientId: 'w', callbackUri } as never] })).toThrow(/needs "callbackUri"/);
    }
  });

  it('revokes every grant of a user through the test hook', async () => {
    const bob = await login('bob');
    const res = await fetch(`${servers.idp.url}/__revoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub: 'bob' }) });
    expect(await res.json()).toMatchObject({ sub: 'bob', revokedGrants: 1, endedSessions: 1 });
    await expect(refresh(bob.refresh_token, bob.key)).rejects.toMatchObject({ body: { error: 'invalid_grant' } });
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
