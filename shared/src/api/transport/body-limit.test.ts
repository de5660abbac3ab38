// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../errors/api-errors.js';
import { isApiError, isHttpError } from '../../errors/guards.js';
import { customerApi, rejectionOf } from '../test-support/clients.js';
import { sendJson, sendLarge, sendText, startServer } from '../test-support/http-server.mjs';
import type { TestServer } from '../test-support/http-server.mjs';

const FORTY_MB = 40 * 1024 * 1024;
const cached = { ttlMs: 60_000 };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('bounded success bodies (maxBodyBytes, default 5 MB)', () => {
  it('refuses a 40 MB body by its Content-Length, reads no further and caches nothing', async () => {
    const streams: { sentBytes(): number }[] = [];
    server = await startServer((_req, res) => {
      streams.push(sendLarge(res, 200, FORTY_MB, 'application/json'));
    });
    const api = customerApi(server.origin, { cache: cached });
    const error = (await rejectionOf(api.get('/accounts'))) as ApiError;
    expect(isApiError(error)).toBe(true);
    expect(isHttpError(error)).toBe(false);
    expect(error.message).toBe(
      `customer-api GET ${server.origin}/accounts answered with a body of 40 MB (Content-Length), over the limit of 5 MB for API 'customer-api': the body was not read further and nothing was cached; ask the API for less (paging, fields), or raise apis.customer-api.maxBodyBytes`,
    );
    // Not retried (the answer would be as large) and not cached: the next call asks again.
    expect(server.requests).toHaveLength(1);
    await rejectionOf(api.get('/accounts'));
    expect(server.requests).toHaveLength(2);
    // The client hung up: the server never got to write the 40 MB.
    expect(Math.max(...streams.map((s) => s.sentBytes()))).toBeLessThan(FORTY_MB / 2);
  });

  it('refuses a 40 MB body sent without Content-Length by counting while it streams', async () => {
    let stream: { sentBytes(): number } | undefined;
    server = await startServer((_req, res) => {
      stream = sendLarge(res, 200, FORTY_MB, 'application/json', false);
    });
    const api = customerApi(server.origin, { cache: cached });
    const error = (await rejectionOf(api.get('/accounts', { params: { query: { limit: 1 } } }))) as ApiError;
    expect(isApiError(error)).toBe(true);
    expect(error.message).toContain(`customer-api GET ${server.origin}/accounts answered with a body of more than 5 MB (no Content-Length; stopped reading at the limit)`);
    expect(stream?.sentBytes() ?? 0).toBeLessThan(FORTY_MB / 2);
    await rejectionOf(api.get('/accounts', { params: { query: { limit: 1 } } }));
    expect(server.requests).toHaveLength(2);
  });

  it('accepts a body of exactly the limit and refuses one byte more, per API', async () => {
    server = await startServer((req, res) => {
      const size = req.url === '/exact' ? 2048 : 2049;
      sendText(res, 200, `"${'x'.repeat(size - 2)}"`, { 'content-type': 'application/json' });
    });
    const api = customerApi(server.origin, { maxBodyBytes: 2048 });
    await expect(api.request('GET', '/exact')).resolves.toHaveLength(2046);
    const error = await rejectionOf(api.request('GET', '/over'));
    expect((error as Error).message).toContain('over the limit of 2 KB');
  });

  it('leaves error bodies to their own cap and small bodies alone', async () => {
    server = await startServer((req, res) => (req.url === '/accounts' ? sendJson(res, 200, []) : sendJson(res, 404, { error: 'none' })));
    const api = customerApi(server.origin, { maxBodyBytes: 1 });
    await expect(api.get('/accounts')).rejects.toThrow(/over the limit of 1 byte /);
    const notFound = await rejectionOf(api.get('/accounts/{id}', { params: { path: { id: '1' } } }));
    expect(isHttpError(notFound)).toBe(true);
  });
});
