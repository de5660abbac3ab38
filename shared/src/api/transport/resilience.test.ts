// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isHttpError, isNetworkError, isSchemaError, isTimeoutError, isAbortError } from '../../errors/guards.js';
import type { HttpError, TimeoutError } from '../../errors/api-errors.js';
import { customerApi, rejectionOf } from '../test-support/clients.js';
import { hang, sendJson, sendLarge, sendText, startServer } from '../test-support/http-server.mjs';
import type { TestServer } from '../test-support/http-server.mjs';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('retries', () => {
  it('retries a GET after a 500 and returns the 200', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      calls += 1;
      if (calls === 1) sendJson(res, 500, { error: 'boom' });
      else sendJson(res, 200, [{ id: '1', name: 'A', balance: 1 }]);
    });
    const api = customerApi(server.origin);
    await expect(api.get('/accounts')).resolves.toEqual([{ id: '1', name: 'A', balance: 1 }]);
    expect(server.requests).toHaveLength(2);
  });

  it('never retries a POST, even after a 500', async () => {
    server = await startServer((_req, res) => sendJson(res, 500, { error: 'boom' }));
    const api = customerApi(server.origin);
    const error = (await rejectionOf(api.post('/accounts', { json: { name: 'x' } }))) as HttpError;
    expect(isHttpError(error)).toBe(true);
    expect(error.status).toBe(500);
    expect(server.requests).toHaveLength(1);
    expect(error.message).toBe(`customer-api POST /accounts failed with 500 Internal Server Error: the API failed; try again later and report it if it persists`);
  });

  it('gives up after the retry limit with an actionable message', async () => {
    server = await startServer((_req, res) => sendText(res, 503, 'down'));
    const api = customerApi(server.origin);
    const error = (await rejectionOf(api.get('/accounts'))) as HttpError;
    expect(server.requests).toHaveLength(3);
    expect(error.attempts).toBe(3);
    expect(error.body).toBe('down');
    expect(error.message).toBe('customer-api GET /accounts failed with 503 Service Unavailable after 3 attempts: the API is unavailable; try again later');
  });

  it('caps a huge Retry-After on a 429', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      calls += 1;
      if (calls === 1) sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '86400' });
      else sendJson(res, 200, []);
    });
    const api = customerApi(server.origin, { retry: { maxRetryAfterMs: 50 } });
    const started = performance.now();
    await expect(api.get('/accounts')).resolves.toEqual([]);
    // Correctness bound, not a benchmark: a day-long wait would time the test out.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a status outside the retry list', async () => {
    server = await startServer((_req, res) => sendJson(res, 404, undefined));
    const api = customerApi(server.origin);
    const error = (await rejectionOf(api.get('/accounts/{id}', { params: { path: { id: '9' } } }))) as HttpError;
    expect(error.status).toBe(404);
    expect(server.requests).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('retries an attempt that timed out', async () => {
    let calls = 0;
    server = await startServer((_req, res) => {
      calls += 1;
      if (calls === 1) hang();
      else sendJson(res, 200, []);
    });
    const api = customerApi(server.origin, { timeouts: { attemptMs: 100, totalMs: 5_000 } });
    await expect(api.get('/accounts')).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it('fails with an attempt TimeoutError when the attempts run out', async () => {
    server = await startServer(() => hang());
    const api = customerApi(server.origin, { timeouts: { attemptMs: 80, totalMs: 5_000 }, retry: false });
    const error = (await rejectionOf(api.get('/accounts'))) as TimeoutError;
    expect(isTimeoutError(error)).toBe(true);
    expect(error.kind).toBe('attempt');
    expect(error.message).toContain('customer-api GET /accounts timed out: no complete answer within 80 ms');
  });

  it('fails with a total TimeoutError when the whole budget is spent', async () => {
    server = await startServer(() => hang());
    const api = customerApi(server.origin, { timeouts: { attemptMs: 5_000, totalMs: 150 } });
    const error = (await rejectionOf(api.get('/accounts'))) as TimeoutError;
    expect(error.kind).toBe('total');
    expect(error.message).toContain('did not finish within its total budget of 150 ms');
  });

  it('times out a body that never finishes', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
    });
    const api = customerApi(server.origin, { timeouts: { attemptMs: 100, totalMs: 1_000 }, retry: false });
    expect(isTimeoutError(await rejectionOf(api.get('/accounts')))).toBe(true);
  });
});

describe('bodies', () => {
  it('reports an invalid JSON body as a SchemaError', async () => {
    server = await startServer((_req, res) => sendText(res, 200, '{"id": 1,', { 'content-type': 'application/json' }));
    const api = customerApi(server.origin);
    const error = await rejectionOf(api.get('/accounts'));
    expect(isSchemaError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^customer-api GET \/accounts returned 200 with a body that is not valid JSON \(application\/json\)/);
  });

  it('reads at most 64 KB of a 20 MB error body and does not hang', async () => {
    let stream: { sentBytes(): number } | undefined;
    server = await startServer((_req, res) => {
      stream = sendLarge(res, 500, 20 * 1024 * 1024);
    });
    const api = customerApi(server.origin, { retry: false, timeouts: { attemptMs: 5_000, totalMs: 5_000 } });
    const error = (await rejectionOf(api.get('/accounts'))) as HttpError;
    expect(error.status).toBe(500);
    expect(error.bodyTruncated).toBe(true);
    expect(String(error.body).length).toBe(65_536);
    // The client hung up: the server never got to write the whole 20 MB.
    expect(stream?.sentBytes() ?? 0).toBeLessThan(20 * 1024 * 1024);
  });

  it('parses application/problem+json', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 400, { type: 'about:blank', title: 'Bad name', detail: 'name must not be empty', status: 400 }, { 'content-type': 'application/problem+json' }),
    );
    const api = customerApi(server.origin);
    const error = (await rejectionOf(api.post('/accounts', { json: { name: '' } }))) as HttpError;
    expect(error.problem?.detail).toBe('name must not be empty');
    expect(error.message).toContain('failed with 400 Bad Request (name must not be empty): the API rejected the request as invalid');
  });

  it('rejects data its validator refuses with a SchemaError', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { id: 1 }));
    const api = customerApi(server.origin);
    const validate = (data: unknown): { id: string } => {
      if (typeof (data as { id?: unknown }).id !== 'string') throw new Error('id must be a string');
      return data as { id: string };
    };
    const error = await rejectionOf(api.get('/accounts/{id}', { params: { path: { id: '1' } }, validate }));
    expect(isSchemaError(error)).toBe(true);
    expect((error as Error).message).toContain('returned data its validator rejected (id must be a string)');
  });
});

describe('network and abort', () => {
  it('reports an unreachable API as a NetworkError after retrying', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const api = customerApi(closed.origin);
    const error = await rejectionOf(api.get('/accounts'));
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^customer-api GET \/accounts failed after 3 attempts: the API could not be reached/);
  });

  it('rejects with the abort reason when the call signal aborts', async () => {
    server = await startServer(() => hang());
    const api = customerApi(server.origin);
    const controller = new AbortController();
    const pending = api.get('/accounts', { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    expect(isAbortError(await rejectionOf(pending))).toBe(true);
  });

  it('rejects at once when aborted while waiting to retry, and sends nothing more', async () => {
    server = await startServer((_req, res) => sendJson(res, 503, { error: 'later' }, { 'retry-after': '5' }));
    const api = customerApi(server.origin, { retry: { maxRetryAfterMs: 10_000 } });
    const controller = new AbortController();
    const pending = api.get('/accounts', { signal: controller.signal });
    await vi.waitFor(() => expect(server?.requests).toHaveLength(1));
    const started = performance.now();
    controller.abort();
    expect(isAbortError(await rejectionOf(pending))).toBe(true);
    // Correctness bound, not a benchmark: without it the call would sit out the 5 s Retry-After.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });

  it('aborts every call of a client set when its signal aborts (MFE unmount)', async () => {
    server = await startServer(() => hang());
    const unmount = new AbortController();
    const api = customerApi(server.origin, {}, { signal: unmount.signal });
    const pending = [api.get('/accounts'), api.post('/accounts', { json: { name: 'x' } })];
    setTimeout(() => unmount.abort(), 30);
    const errors = await Promise.all(pending.map(rejectionOf));
    expect(errors.every(isAbortError)).toBe(true);
  });
});
