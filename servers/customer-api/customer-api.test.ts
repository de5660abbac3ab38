// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type CryptoKey } from 'jose';
import { start } from './server.mjs';
import { createDpopKey } from '../idp/dpop-key.mjs';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'http://localhost:5301';
const KID = 'test-key';

let jwksServer: Server;
let jwksUrl: string;
let privateKey: CryptoKey;
let otherKey: CryptoKey;
let api: Awaited<ReturnType<typeof start>>;

interface TokenOverrides {
  iss?: string;
  aud?: string;
  exp?: number;
  typ?: string;
  scope?: string;
  key?: CryptoKey;
  name?: string;
  /** Binds the token to this DPoP key thumbprint (`cnf.jkt`). */
  jkt?: string;
}

function token(overrides: TokenOverrides = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: overrides.scope ?? 'accounts:read transfers:write', client_id: 'atrium-host', ...(overrides.name ? { name: overrides.name } : {}), ...(overrides.jkt ? { cnf: { jkt: overrides.jkt } } : {}) })
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: overrides.typ ?? 'at+jwt' })
    .setSubject('alice')
    .setIssuer(overrides.iss ?? ISSUER)
    .setAudience(overrides.aud ?? AUDIENCE)
    .setIssuedAt(now - 5)
    .setExpirationTime(overrides.exp ?? now + 60)
    .sign(overrides.key ?? privateKey);
}

async function get(path: string, bearer?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${api.url}${path}`, { headers: { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...headers } });
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  jwksServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const address = jwksServer.address();
  jwksUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/jwks`;
  api = await start({ port: 0, issuer: ISSUER, jwksUrl, audience: AUDIENCE, testHooks: true });
});

afterAll(async () => {
  await api.close();
  jwksServer.closeAllConnections();
  await new Promise((resolve) => jwksServer.close(resolve));
});

describe('customer API authentication', () => {
  it('rejects a request without a token with 401 and a Bearer challenge', async () => {
    const res = await get('/accounts');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="atrium-customer-api", error_description="missing/);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ type: 'urn:atrium:problem:missing-token', status: 401 });
  });

  // Overrides are thunks because the signing keys exist only after beforeAll.
  it.each<[string, () => TokenOverrides, string, string]>([
    ['an expired token', () => ({ exp: Math.floor(Date.now() / 1000) - 120 }), 'token-expired', 'token expired'],
    ['a token for another audience', () => ({ aud: 'http://localhost:9999' }), 'wrong-audience', 'audience'],
    ['a token from another issuer', () => ({ iss: 'https://evil.test' }), 'wrong-issuer', 'issuer'],
    ['a token signed with another key', () => ({ key: otherKey }), 'bad-signature', 'signature'],
    ['an ID token (typ JWT)', () => ({ typ: 'JWT' }), 'wrong-token-type', 'at+jwt'],
  ])('rejects %s with 401 invalid_token naming the reason', async (_label, overrides, code, words) => {
    const res = await get('/accounts', await token(overrides()));
    expect(res.status).toBe(401);
    const challenge = res.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="invalid_token"');
    expect(challenge).toContain(words);
    const body = (await res.json()) as { type: string; detail: string };
    expect(body.type).toBe(`urn:atrium:problem:${code}`);
  });

  it('rejects a malformed Authorization header', async () => {
    const res = await get('/accounts', 'not-a-jwt');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { type: string }).type).toBe('urn:atrium:problem:malformed-token');
  });

  it('accepts a valid token and answers /me from its claims', async () => {
    const res = await get('/me', await token({ name: 'Alice Martin' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: 'alice', name: 'Alice Martin', scopes: ['accounts:read', 'transfers:write'] });
  });

  it('answers 403 insufficient_scope when the token lacks the route scope', async () => {
    const res = await get('/accounts', await token({ scope: 'transfers:write' }));
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope", scope="accounts:read"');
  });
});

describe('customer API DPoP (RFC 9449)', () => {
  type Key = Awaited<ReturnType<typeof createDpopKey>>;
  let key: Key;
  let bound: string;
  beforeAll(async () => {
    key = await createDpopKey();
    bound = await token({ jkt: key.jkt });
  });
  const url = () => `${api.url}/accounts`;
  const dpopGet = async (accessToken: string, proof: string | undefined, path = '/accounts') =>
    fetch(`${api.url}${path}`, { headers: { Authorization: `DPoP ${accessToken}`, ...(proof ? { DPoP: proof } : {}) } });
  const problem = async (res: Response) => ((await res.json()) as { type: string }).type.replace('urn:atrium:problem:', '');

  it('accepts a bound token with a fresh proof of its key, query string aside', async () => {
    const res = await dpopGet(bound, await key.proof({ htm: 'GET', htu: url(), accessToken: bound }), '/accounts?x=1');
    expect(res.status).toBe(200);
  });

  it('refuses a bound token presented as Bearer, naming the fix', async () => {
    const res = await get('/accounts', bound);
    expect(res.status).toBe(401);
    expect(await problem(res)).toBe('dpop-bound-token');
    expect(res.headers.get('www-authenticate')).toMatch(/^DPoP realm="atrium-customer-api", error="invalid_token"/);
  });

  it('refuses a bound token replayed with a proof of another key (a thief with a fresh key)', async () => {
    const thief = await createDpopKey();
    const res = await dpopGet(bound, await thief.proof({ htm: 'GET', htu: url(), accessToken: bound }));
    expect(res.status).toBe(401);
    expect(await problem(res)).toBe('dpop-key-mismatch');
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_dpop_proof"');
  });

  it('refuses a proof used twice (same jti), and one without a proof at all', async () => {
    const proof = await key.proof({ htm: 'GET', htu: url(), accessToken: bound });
    expect((await dpopGet(bound, proof)).status).toBe(200);
    const replay = await dpopGet(bound, proof);
    expect(replay.status).toBe(401);
    expect(await problem(replay)).toBe('dpop-proof-replayed');
    expect(await problem(await dpopGet(bound, undefined))).toBe('missing-dpop-proof');
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['another method', () => key.proof({ htm: 'POST', htu: url(), accessToken: bound }), /not GET/],
    ['another URL', () => key.proof({ htm: 'GET', htu: `${api.url}/me`, accessToken: bound }), /\/me, not/],
    ['another access token', () => key.proof({ htm: 'GET', htu: url(), accessToken: 'other-token' }), /ath/],
    ['an old iat', () => key.proof({ htm: 'GET', htu: url(), accessToken: bound, iat: Math.floor(Date.now() / 1000) - 300 }), /iat/],
    ['an iat in the future', () => key.proof({ htm: 'GET', htu: url(), accessToken: bound, iat: Math.floor(Date.now() / 1000) + 300 }), /iat/],
  ])('refuses a proof made for %s', async (_label, proof, detail) => {
    const res = await dpopGet(bound, await proof());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(detail);
  });

  it('refuses a proof that is not a signed dpop+jwt, and an unbound token sent as DPoP', async () => {
    const forged = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'dpop+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify({ htm: 'GET', htu: url(), iat: Math.floor(Date.now() / 1000), jti: 'abcdefghij' })).toString('base64url')}.`;
    expect(await problem(await dpopGet(bound, forged))).toBe('invalid-dpop-proof');
    const unbound = await token();
    expect(await problem(await dpopGet(unbound, await key.proof({ htm: 'GET', htu: url(), accessToken: unbound })))).toBe('token-not-bound');
    // Unbound tokens keep working as Bearer, for clients without DPoP.
    expect((await get('/accounts', unbound)).status).toBe(200);
  });
});

describe('customer API data', () => {
  it('returns the same three seeded accounts for the same user', async () => {
    const bearer = await token();
    const first = (await (await get('/accounts', bearer)).json()) as { items: Array<{ id: string; type: string; balance: { value: number; currency: string } }> };
    const second = (await (await get('/accounts', bearer)).json()) as typeof first;
    expect(first.items.map((a) => a.type)).toEqual(['checking', 'savings', 'credit_card']);
    expect(first).toEqual(second);
    for (const account of first.items) {
      expect(account.id).toMatch(/^DE\d{20}$/);
      expect(Number.isInteger(account.balance.value)).toBe(true);
      expect(account.balance.currency).toBe('EUR');
    }
  });

  it('pages transactions with limit and cursor, newest first', async () => {
    const bearer = await token();
    const { items: accounts } = (await (await get('/accounts', bearer)).json()) as { items: Array<{ id: string }> };
    const id = accounts[0]?.id ?? '';
    const page1 = (await (await get(`/accounts/${id}/transactions?limit=5`, bearer)).json()) as { items: Array<{ id: string; bookedAt: string }>; nextCursor: string | null };
    expect(page1.items).toHaveLength(5);
    expect(page1.nextCursor).toBeTypeOf('string');
    const page2 = (await (await get(`/accounts/${id}/transactions?limit=5&cursor=${page1.nextCursor}`, bearer)).json()) as typeof page1;
    expect(page2.items[0]?.bookedAt.localeCompare(page1.items[4]?.bookedAt ?? '')).toBeLessThanOrEqual(0);
    expect(page2.items.map((t) => t.id)).not.toContain(page1.items[0]?.id);
    expect((await get(`/accounts/${id}/transactions?limit=0`, bearer)).status).toBe(400);
  });

  it('answers 404 for an account that is not the user’s', async () => {
    const res = await get('/accounts/DE89370400440532013000', await token());
    expect(res.status).toBe(404);
  });

  it('books a valid transfer with 201 and lowers the balance', async () => {
    const bearer = await token();
    const before = (await (await get('/accounts', bearer)).json()) as { items: Array<{ id: string; balance: { value: number } }> };
    const from = before.items[0];
    const res = await fetch(`${api.url}/transfers`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fromAccountId: from?.id, toIban: 'DE89 3704 0044 0532 0130 00', creditorName: 'Jane Doe', amount: { value: 1234, currency: 'EUR' }, reference: 'Dinner' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'booked', toIban: 'DE89370400440532013000', amount: { value: 1234, currency: 'EUR' } });
    const after = (await (await get(`/accounts/${from?.id}`, bearer)).json()) as { balance: { value: number } };
    expect(after.balance.value).toBe((from?.balance.value ?? 0) - 1234);
  });

  it('refuses an invalid transfer with 422 listing each field', async () => {
    const res = await fetch(`${api.url}/transfers`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${await token()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ fromAccountId: 'nope', toIban: 'DE00123', amount: { value: -5, currency: 'USD' } }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { errors: Array<{ pointer: string }> };
    expect(body.errors.map((e) => e.pointer)).toEqual(['/fromAccountId', '/toIban', '/creditorName', '/amount/currency', '/amount/value']);
  });
});

describe('customer API CORS', () => {
  it('answers an allowed preflight with the allowed headers', async () => {
    const res = await fetch(`${api.url}/accounts`, {
      method: 'OPTIONS',
      headers: { 'Origin': 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, DPoP');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('refuses a preflight from a foreign origin', async () => {
    const res = await fetch(`${api.url}/accounts`, { method: 'OPTIONS', headers: { 'Origin': 'https://evil.test', 'Access-Control-Request-Method': 'GET' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('exposes WWW-Authenticate on a 401 to an allowed origin', async () => {
    const res = await get('/accounts', undefined, { Origin: 'http://127.0.0.1:4173' });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    expect(res.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate, Retry-After');
  });
});

describe('customer API OpenAPI and test hooks', () => {
  it('serves the checked-in OpenAPI document without auth', async () => {
    const served = (await (await get('/openapi.json')).json()) as Record<string, unknown>;
    const file = JSON.parse(readFileSync(new URL('./openapi.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect({ ...served, servers: file.servers }).toEqual(file);
  });

  it('injects 429 with Retry-After, then malformed JSON, then recovers', async () => {
    const bearer = await token();
    await fetch(`${api.url}/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: '/accounts', status: 429, retryAfter: 3 }) });
    await fetch(`${api.url}/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: '/accounts', malformed: true }) });
    const limited = await get('/accounts', bearer);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    const malformed = await get('/accounts', bearer);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    expect((await get('/accounts', bearer)).status).toBe(200);
  });

  it('delays a request when asked', async () => {
    await fetch(`${api.url}/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: '/accounts*', delayMs: 150 }) });
    const started = performance.now();
    expect((await get('/accounts', await token())).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('logs requests with whether they carried an Authorization header', async () => {
    await fetch(`${api.url}/__requests`, { method: 'DELETE' });
    await get('/me');
    await get('/me', await token());
    const { requests } = (await (await fetch(`${api.url}/__requests`)).json()) as { requests: Array<{ method: string; path: string; authorization: boolean; status: number }> };
    expect(requests.map(({ method, path, authorization, status }) => ({ method, path, authorization, status }))).toEqual([
      { method: 'GET', path: '/me', authorization: false, status: 401 },
      { method: 'GET', path: '/me', authorization: true, status: 200 },
    ]);
  });

  it('does not expose test hooks unless enabled', async () => {
    const plain = await start({ port: 0, issuer: ISSUER, jwksUrl });
    try {
      expect((await fetch(`${plain.url}/__requests`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('customer API start', () => {
  it('fails with a message naming the port when the port is taken', async () => {
    await expect(start({ port: api.port, issuer: ISSUER, jwksUrl })).rejects.toThrow(
      new RegExp(`customer-api: port ${api.port} on 127\\.0\\.0\\.1 is already in use \\(EADDRINUSE\\)`),
    );
  });

  it('requires issuer and jwksUrl', async () => {
    await expect(start({ port: 0, issuer: ISSUER } as never)).rejects.toThrow(/option "jwksUrl"/);
  });
});
