// @vitest-environment node
import { EmbeddedJWK, SignJWT, base64url, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthError } from '../../errors/api-errors.js';
import { isAuthError } from '../../errors/guards.js';
import { customerApi, rejectionOf } from '../test-support/clients.js';
import { sendJson, startServer } from '../test-support/http-server.mjs';
import type { TestRequest, TestServer } from '../test-support/http-server.mjs';
import type { DpopProof, DpopProofRequest } from './token-source.js';

const oidc = { type: 'oidc', audience: 'customer-api', scopes: ['accounts:read'] } as const;

async function sha256(text: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

/** What the host's signer (oidc-client-ts in the browser) does: an ES256 proof per call. */
let signer: { dpopProof: DpopProof; asked: DpopProofRequest[] };
beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const asked: DpopProofRequest[] = [];
  const dpopProof: DpopProof = async (request) => {
    asked.push(request);
    return new SignJWT({ htm: request.method, htu: request.url, ath: await sha256(request.accessToken), jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
      .setIssuedAt()
      .sign(privateKey);
  };
  signer = { dpopProof, asked };
});

/**
 * A resource server that checks DPoP as RFC 9449 §7 says: `Authorization: DPoP <token>`, a proof
 * signed by its embedded key, for this method and URL (no query), bound to this token, never replayed.
 */
function dpopServer(answer: (token: string, attempt: number) => number) {
  const seen = new Set<string>();
  const accepted: { token: string; jti: string }[] = [];
  let attempts = 0;
  return {
    accepted,
    handler: async (req: TestRequest, res: Parameters<Parameters<typeof startServer>[0]>[1], origin: string) => {
      attempts += 1;
      const [scheme, token] = String(req.headers.authorization ?? '').split(' ');
      const proof = req.headers.dpop;
      if (scheme !== 'DPoP' || token === undefined || typeof proof !== 'string') return sendJson(res, 401, { error: 'DPoP required' });
      try {
        const { payload } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', maxTokenAge: '60s' });
        const htu = origin + new URL(req.url ?? '/', origin).pathname;
        if (payload.htm !== req.method) return sendJson(res, 401, { error: `htm ${String(payload.htm)}` });
        if (payload.htu !== htu) return sendJson(res, 401, { error: `htu ${String(payload.htu)} is not ${htu}` });
        if (payload.ath !== (await sha256(token))) return sendJson(res, 401, { error: 'ath does not bind this token' });
        if (typeof payload.jti !== 'string' || seen.has(payload.jti)) return sendJson(res, 401, { error: 'proof replayed' });
        seen.add(payload.jti);
        accepted.push({ token, jti: payload.jti });
      } catch (error) {
        return sendJson(res, 401, { error: String(error) });
      }
      const status = answer(token, attempts);
      return sendJson(res, status, status === 200 ? [] : { error: 'try again' });
    },
  };
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  signer.asked.length = 0;
});

async function serveDpop(answer: (token: string, attempt: number) => number) {
  const checker = dpopServer(answer);
  let origin = '';
  const server = await startServer((req, res) => checker.handler(req, res, origin));
  origin = server.origin;
  servers.push(server);
  return { server, accepted: checker.accepted };
}

describe('DPoP (apis.<name>.dpop: true)', () => {
  it('sends Authorization: DPoP with a proof the resource server accepts, for the URL without its query', async () => {
    const { server, accepted } = await serveDpop(() => 200);
    const api = customerApi(server.origin, { auth: oidc, dpop: true }, { getAccessToken: () => 'token-1', dpopProof: signer.dpopProof });
    await expect(api.get('/accounts', { params: { query: { limit: 2 } } })).resolves.toEqual([]);
    expect(accepted).toEqual([{ token: 'token-1', jti: expect.any(String) }]);
    expect(signer.asked).toEqual([{ url: `${server.origin}/accounts`, method: 'GET', accessToken: 'token-1' }]);
  });

  it('makes a fresh proof for every attempt, retries included', async () => {
    const { server, accepted } = await serveDpop((_token, attempt) => (attempt < 3 ? 503 : 200));
    const api = customerApi(server.origin, { auth: oidc, dpop: true }, { getAccessToken: () => 'token-1', dpopProof: signer.dpopProof });
    await expect(api.get('/accounts')).resolves.toEqual([]);
    expect(server.requests).toHaveLength(3);
    expect(new Set(accepted.map((a) => a.jti)).size).toBe(3);
  });

  it('binds the retry after a 401 to the refreshed token', async () => {
    const { server, accepted } = await serveDpop((token) => (token === 'fresh' ? 200 : 401));
    const getAccessToken = vi.fn((_api: string, request: { forceRefresh: boolean }) => (request.forceRefresh ? 'fresh' : 'stale'));
    const api = customerApi(server.origin, { auth: oidc, dpop: true }, { getAccessToken, dpopProof: signer.dpopProof });
    await expect(api.post('/accounts', { json: { name: 'x' } })).resolves.toEqual([]);
    expect(accepted.map((a) => a.token)).toEqual(['stale', 'fresh']);
    expect(signer.asked.map((a) => [a.method, a.accessToken])).toEqual([
      ['POST', 'stale'],
      ['POST', 'fresh'],
    ]);
  });

  it('sends neither token nor proof to another origin', async () => {
    const { server } = await serveDpop(() => 200);
    const spy = await startServer((_req, res) => sendJson(res, 200, {}));
    servers.push(spy);
    const api = customerApi(server.origin, { auth: oidc, dpop: true }, { getAccessToken: () => 'token-1', dpopProof: signer.dpopProof });
    await api.request('GET', `${spy.origin}/elsewhere`);
    expect(spy.requests[0]?.headers.authorization).toBeUndefined();
    expect(spy.requests[0]?.headers.dpop).toBeUndefined();
    expect(signer.asked).toEqual([]);
  });

  it('sends a Bearer token and no proof for an API without dpop', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, []));
    servers.push(server);
    const api = customerApi(server.origin, { auth: oidc }, { getAccessToken: () => 'token-1', dpopProof: signer.dpopProof });
    await api.get('/accounts');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer token-1');
    expect(server.requests[0]?.headers.dpop).toBeUndefined();
  });

  it('fails closed with an AuthError when no proof can be made: nothing is sent', async () => {
    const { server } = await serveDpop(() => 200);
    const onAuthFailure = vi.fn();
    const dpopProof = () => Promise.reject(new Error('no key in IndexedDB'));
    const api = customerApi(server.origin, { auth: oidc, dpop: true }, { getAccessToken: () => 'token-1', dpopProof, onAuthFailure });
    const error = (await rejectionOf(api.get('/accounts'))) as AuthError;
    expect(isAuthError(error)).toBe(true);
    expect(error.reason).toBe('proof-error');
    expect(error.message).toBe('customer-api GET /accounts failed: the DPoP proof for the access token could not be made; sign in again');
    expect(server.requests).toHaveLength(0);
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });

  it('requires the host to provide dpopProof', () => {
    expect(() => customerApi('http://127.0.0.1:1', { auth: oidc, dpop: true }, { getAccessToken: () => 't' })).toThrow(
      "dpopProof is required: API 'customer-api' sets dpop: true",
    );
  });
});
