// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../client/client-types.js';
import { customerApi } from '../test-support/clients.js';
import type { paths } from '../test-support/fixture-paths.js';
import { sendJson, startServer } from '../test-support/http-server.mjs';
import type { TestServer } from '../test-support/http-server.mjs';
import { defineView } from './define-view.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
});

const accountSummary = defineView('accountSummary', async (api: ApiClient<paths>, { id }: { id: string }, { signal }) => {
  const [account, transactions] = await Promise.all([
    api.get('/accounts/{id}', { params: { path: { id } }, ...(signal === undefined ? {} : { signal }) }),
    api.get('/accounts/{id}/transactions', { params: { path: { id }, query: { since: '2025-01-01' } } }),
  ]);
  return { name: account.name, total: transactions.reduce((sum, t) => sum + t.amount, 0) };
});

describe('defineView', () => {
  it('combines several calls into one view model, sharing requests between concurrent loads', async () => {
    server = await startServer((req, res) => {
      if (req.url?.includes('/transactions')) sendJson(res, 200, [{ amount: 5 }, { amount: 7 }]);
      else sendJson(res, 200, { id: '1', name: 'Savings', balance: 12 });
    });
    const api = customerApi(server.origin);
    const [a, b] = await Promise.all([accountSummary.load(api, { id: '1' }), accountSummary.load(api, { id: '1' })]);
    expect(a).toEqual({ name: 'Savings', total: 12 });
    expect(b).toEqual(a);
    expect(server.requests).toHaveLength(2);
  });
});
