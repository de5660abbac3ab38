// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthError } from '../../errors/api-errors.js';
import { isAuthError, isHttpError } from '../../errors/guards.js';
import { customerApi, rejectionOf } from '../test-support/clients.js';
import { delay, sendJson, startServer } from '../test-support/http-server.mjs';
import type { TestServer } from '../test-support/http-server.mjs';
import type { AccessTokenRequest } from './token-source.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}

/** An auth module stand-in: hands out `stale` until asked to refresh, then `fresh-N`. */
function fakeAuth(refreshTo: (n: number) => string = (n) => `fresh-${n}`) {
  let token = 'stale';
  let refreshes = 0;
  const getAccessToken = vi.fn(async (_api: string, request: AccessTokenRequest) => {
    if (request.forceRefresh) {
      refreshes += 1;
      await delay(20);
      token = refreshTo(refreshes);
    }
    return token;
  });
  return { getAccessToken, refreshes: () => refreshes };
}

const oidc = { type: 'oidc', audience: 'customer-api', scopes: ['accounts:read'] } as const;

describe('401 handling', () => {
  it('refreshes once for 50 concurrent 401s and retries them all', async () => {
    const server = await serve(async (req, res) => {
      await delay(5);
      if (req.headers.authorization === 'Bearer fresh-1') sendJson(res, 200, { id: req.url, name: 'A', balance: 1 });
      else sendJson(res, 401, { error: 'expired' });
    });
    const auth = fakeAuth();
    const api = customerApi(server.origin, { auth: oidc }, { getAccessToken: auth.getAccessToken });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => api.get('/accounts/{id}', { params: { path: { id: String(i) } } })));
    expect(results).toHaveLength(50);
    expect(auth.refreshes()).toBe(1);
    expect(auth.getAccessToken).toHaveBeenCalledWith('customer-api', { forceRefresh: true, audience: 'customer-api', scopes: ['accounts:read'] });
  });

  it('ends a second 401 in an AuthError and calls onAuthFailure once, without looping', async () => {
    const server = await serve((_req, res) => sendJson(res, 401, { error: 'nope' }));
    const auth = fakeAuth(() => 'also-refused');
    const onAuthFailure = vi.fn<(error: AuthError) => void>();
    const api = customerApi(server.origin, { auth: oidc }, { getAccessToken: auth.getAccessToken, onAuthFailure });
    const errors = await Promise.all(Array.from({ length: 5 }, (_, i) => rejectionOf(api.get('/accounts/{id}', { params: { path: { id: String(i) } } }))));
    expect(errors.every(isAuthError)).toBe(true);
    expect((errors[0] as AuthError).reason).toBe('rejected');
    expect((errors[0] as AuthError).message).toBe('customer-api GET /accounts/0 failed: the API refused the access token, also after a refresh; sign in again');
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
    expect(auth.refreshes()).toBe(1);
    // Each call: one attempt with the stale token, one with the refreshed one. Never more.
    expect(server.requests).toHaveLength(10);
  });

  it('refreshes once on a 401 for a POST and with retries off: a refused token was never processed', async () => {
    const server = await serve((req, res) => (req.headers.authorization === 'Bearer fresh-1' ? sendJson(res, 201, { id: '1' }) : sendJson(res, 401, {})));
    const auth = fakeAuth();
    const api = customerApi(server.origin, { auth: oidc, retry: false }, { getAccessToken: auth.getAccessToken });
    await expect(api.post('/accounts', { json: { name: 'x' } })).resolves.toEqual({ id: '1' });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh-1']);
  });

  it('fails closed without a token: nothing is sent', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, []));
    const onAuthFailure = vi.fn();
    const api = customerApi(server.origin, { auth: oidc }, { getAccessToken: () => undefined, onAuthFailure });
    const error = (await rejectionOf(api.get('/accounts'))) as AuthError;
    expect(error.reason).toBe('no-token');
    expect(server.requests).toHaveLength(0);
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });

  it('wraps a throwing token source in an AuthError', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, []));
    const api = customerApi(server.origin, { auth: oidc }, { getAccessToken: () => Promise.reject(new Error('login_required')) });
    const error = (await rejectionOf(api.get('/accounts'))) as AuthError;
    expect(error.reason).toBe('token-error');
    expect((error.cause as Error).message).toBe('login_required');
  });

  it('requires getAccessToken for an OIDC API', () => {
    expect(() => customerApi('http://127.0.0.1:1', { auth: oidc })).toThrow(TypeError);
  });
});

describe('token never leaves the API origin', () => {
  it('sends no Authorization to another origin: absolute URL, //host URL, or via a redirect', async () => {
    const spy = await serve((_req, res) => sendJson(res, 200, { spied: true }));
    const api = await serve((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `${spy.origin}/stolen` });
        res.end();
      } else sendJson(res, 200, []);
    });
    const auth = fakeAuth();
    const client = customerApi(api.origin, { auth: oidc }, { getAccessToken: auth.getAccessToken });

    await client.get('/accounts');
    expect(api.requests[0]?.headers.authorization).toBe('Bearer stale');

    await expect(client.request('GET', `${spy.origin}/absolute`)).resolves.toEqual({ spied: true });
    await expect(client.request('GET', `//127.0.0.1:${spy.port}/protocol-relative`)).resolves.toEqual({ spied: true });
    const redirect = await rejectionOf(client.request('GET', '/redirect'));
    expect(isHttpError(redirect)).toBe(true);
    expect((redirect as Error).message).toContain('failed with 302 Found: the API answered with a redirect');

    expect(spy.requests.map((r) => r.url)).toEqual(['/absolute', '/protocol-relative']);
    expect(spy.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('does not send the token to a look-alike origin that shares a prefix', async () => {
    const spy = await serve((_req, res) => sendJson(res, 200, {}));
    // http://127.0.0.1:<port> is a string prefix of http://127.0.0.1:<port>N — a different origin.
    const prefixOrigin = spy.origin.slice(0, -1);
    const client = customerApi(`${prefixOrigin}/`, { auth: oidc }, { getAccessToken: () => 'secret' });
    await client.request('GET', `${spy.origin}/x`);
    expect(spy.requests[0]?.headers.authorization).toBeUndefined();
  });
});
