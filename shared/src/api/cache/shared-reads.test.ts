// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAbortError } from '../../errors/guards.js';
import { customerApi, rejectionOf } from '../test-support/clients.js';
import { delay, sendJson, startServer } from '../test-support/http-server.mjs';
import type { TestServer } from '../test-support/http-server.mjs';
import { ApiCache } from './api-cache.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const oidc = { type: 'oidc' } as const;
const cached = { ttlMs: 60_000 };

/** Answers with the caller's token as data, so a test can see whose data it got. */
async function whoAmIServer(waitMs = 30): Promise<TestServer> {
  return startServer(async (req, res) => {
    await delay(waitMs);
    sendJson(res, 200, [{ id: String(req.headers.authorization), name: req.url ?? '', balance: 0 }]);
  });
}

describe('in-flight dedupe', () => {
  it('sends one request for 10 concurrent identical GETs from 10 client sets', async () => {
    server = await whoAmIServer();
    const cache = new ApiCache({ connectivity: null });
    const clients = Array.from({ length: 10 }, () => customerApi(server!.origin, {}, { cache }));
    const results = await Promise.all(clients.map((api) => api.get('/accounts', { params: { query: { limit: 5 } } })));
    expect(server.requests).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it('treats query order as irrelevant and different queries as different reads', async () => {
    server = await whoAmIServer();
    const api = customerApi(server.origin);
    await Promise.all([
      api.get('/accounts', { params: { query: { limit: 5, status: 'open' } } }),
      api.get('/accounts', { params: { query: { status: 'open', limit: 5 } } }),
      api.get('/accounts', { params: { query: { limit: 6 } } }),
    ]);
    expect(server.requests.map((r) => r.url).sort()).toEqual(['/accounts?limit=5&status=open', '/accounts?limit=6']);
  });

  it('keeps the shared request alive when one caller aborts, and aborts it when all do', async () => {
    server = await whoAmIServer(80);
    const api = customerApi(server.origin);
    const first = new AbortController();
    const a = api.get('/accounts', { signal: first.signal });
    const b = api.get('/accounts');
    first.abort();
    expect(isAbortError(await rejectionOf(a))).toBe(true);
    await expect(b).resolves.toHaveLength(1);

    const c1 = new AbortController();
    const c2 = new AbortController();
    const c = api.get('/accounts/{id}', { params: { path: { id: '1' } }, signal: c1.signal });
    const d = api.get('/accounts/{id}', { params: { path: { id: '1' } }, signal: c2.signal });
    c1.abort();
    c2.abort();
    expect((await Promise.all([c, d].map(rejectionOf))).every(isAbortError)).toBe(true);
  });
});

describe('cache per user', () => {
  it('never serves user A data to user B, and forgets A after clearUser', async () => {
    server = await whoAmIServer(1);
    const cache = new ApiCache({ connectivity: null });
    let user = 'alice';
    const api = customerApi(server.origin, { auth: oidc, cache: cached }, { cache, getAccessToken: () => `token-${user}`, getUserKey: () => user });

    const alice = await api.get('/accounts');
    expect(alice[0]?.id).toBe('Bearer token-alice');
    await api.get('/accounts');
    expect(server.requests).toHaveLength(1); // served from cache

    user = 'bob';
    const bob = await api.get('/accounts');
    expect(bob[0]?.id).toBe('Bearer token-bob');
    expect(server.requests).toHaveLength(2);

    cache.clearUser('alice');
    user = 'alice';
    await api.get('/accounts');
    expect(server.requests).toHaveLength(3); // not served from cache after sign-out
  });

  it('does not store a response for a user that signed out while it was in flight', async () => {
    server = await whoAmIServer(60);
    const cache = new ApiCache({ connectivity: null });
    const api = customerApi(server.origin, { auth: oidc, cache: cached }, { cache, getAccessToken: () => 'token-alice', getUserKey: () => 'alice' });
    const pending = api.get('/accounts');
    await delay(20);
    cache.clearUser('alice');
    await pending; // the caller that asked still gets its answer
    expect(cache.size).toBe(0);
    await api.get('/accounts');
    expect(server.requests).toHaveLength(2);
  });
});

describe('stale-while-revalidate and invalidation', () => {
  it('serves a stale value at once and refreshes it in the background', async () => {
    let version = 0;
    server = await startServer((_req, res) => {
      version += 1;
      sendJson(res, 200, [{ id: `v${version}`, name: '', balance: 0 }]);
    });
    let now = 1_000;
    const cache = new ApiCache({ connectivity: null, now: () => now });
    const api = customerApi(server.origin, { cache: { ttlMs: 100, staleWhileRevalidateMs: 1_000 } }, { cache });
    expect((await api.get('/accounts'))[0]?.id).toBe('v1');
    now += 500; // stale, inside the revalidate window
    expect((await api.get('/accounts'))[0]?.id).toBe('v1');
    // The background refresh lands when it lands (a busy machine): wait for it, not a fixed time.
    await vi.waitFor(async () => expect((await api.get('/accounts'))[0]?.id).toBe('v2'));
    expect(server.requests).toHaveLength(2);
    now += 5_000; // past the window: fetched before answering
    expect((await api.get('/accounts'))[0]?.id).toBe('v3');
  });

  it('invalidates cached reads after a mutation', async () => {
    server = await startServer((req, res) => sendJson(res, req.method === 'POST' ? 201 : 200, { id: '1', name: String(req.url), balance: 0 }));
    const cache = new ApiCache({ connectivity: null });
    const api = customerApi(server.origin, { cache: { endpoints: { '/accounts/{id}': cached, '/accounts': cached } } }, { cache });
    await api.get('/accounts');
    await api.get('/accounts/{id}', { params: { path: { id: '1' } } });
    await api.get('/accounts/{id}', { params: { path: { id: '1' } } });
    expect(server.requests).toHaveLength(2);
    await api.post('/accounts', { json: { name: 'new' } });
    await api.get('/accounts');
    await api.get('/accounts/{id}', { params: { path: { id: '1' } } });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /accounts', 'GET /accounts/1', 'POST /accounts', 'GET /accounts', 'GET /accounts/1']);
  });
});

describe('queries', () => {
  it('loads on subscribe and refetches when the browser comes back online', async () => {
    server = await whoAmIServer(1);
    const connectivity = new EventTarget();
    const cache = new ApiCache({ connectivity });
    const api = customerApi(server.origin, { cache: cached }, { cache });
    const unmount = new AbortController();
    const query = api.query('/accounts', { signal: unmount.signal });
    const statuses: string[] = [];
    query.subscribe((state) => statuses.push(state.status));
    // Waits for what the user would see, not a fixed time: the machine may be busy.
    await vi.waitFor(() => expect(query.state.status).toBe('success'));
    connectivity.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(statuses).toEqual(['loading', 'success', 'loading', 'success']));
    expect(server.requests).toHaveLength(2);
    unmount.abort();
    connectivity.dispatchEvent(new Event('online'));
    await delay(30);
    expect(server.requests).toHaveLength(2);
  });
});
