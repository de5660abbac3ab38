// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from './server.mjs';

const NOW = Date.parse('2025-06-30T12:00:00Z');
let api: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  api = await start({ port: 0, now: () => NOW, testHooks: true });
});
afterAll(async () => {
  await api.close();
});

interface Rates {
  base: string;
  timestamp: string;
  rates: Record<string, number>;
}

describe('third-party API', () => {
  it('answers rates without auth and with Access-Control-Allow-Origin *', async () => {
    const res = await fetch(`${api.url}/rates?base=EUR`, { headers: { Origin: 'http://localhost:5173' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as Rates;
    expect(body.base).toBe('EUR');
    expect(body.timestamp).toBe('2025-06-30T12:00:00.000Z');
    expect(Object.keys(body.rates)).toHaveLength(11);
    expect(body.rates.USD).toBeGreaterThan(1.0);
    expect(body.rates.USD).toBeLessThan(1.2);
  });

  it('is deterministic for a given time and consistent across bases', async () => {
    const eur = (await (await fetch(`${api.url}/rates?base=EUR`)).json()) as Rates;
    const again = (await (await fetch(`${api.url}/rates?base=EUR`)).json()) as Rates;
    const usd = (await (await fetch(`${api.url}/rates?base=usd`)).json()) as Rates;
    expect(again).toEqual(eur);
    expect(usd.rates.EUR).toBeCloseTo(1 / (eur.rates.USD ?? 1), 4);
  });

  it('returns daily history for a pair, oldest first', async () => {
    const res = await fetch(`${api.url}/rates/EUR-GBP/history?days=7`);
    const body = (await res.json()) as { base: string; quote: string; points: Array<{ date: string; rate: number }> };
    expect(body.points.map((p) => p.date)).toEqual(['2025-06-24', '2025-06-25', '2025-06-26', '2025-06-27', '2025-06-28', '2025-06-29', '2025-06-30']);
    expect(body).toMatchObject({ base: 'EUR', quote: 'GBP' });
  });

  it('answers 400 problems for an unknown currency or bad days', async () => {
    const unknown = await fetch(`${api.url}/rates?base=XXX`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { type: string }).type).toBe('urn:atrium:problem:unsupported-currency');
    expect((await fetch(`${api.url}/rates/EUR-USD/history?days=999`)).status).toBe(400);
    expect((await fetch(`${api.url}/rates/EURUSD/history`)).status).toBe(400);
  });

  it('answers a preflight from any origin', async () => {
    const res = await fetch(`${api.url}/rates`, { method: 'OPTIONS', headers: { 'Origin': 'https://cms.example', 'Access-Control-Request-Method': 'GET' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves its OpenAPI document', async () => {
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/rates', '/rates/{pair}/history']);
  });

  it('injects a 503 with Retry-After through the test hooks', async () => {
    await fetch(`${api.url}/__faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: '/rates', status: 503, times: 2 }) });
    expect((await fetch(`${api.url}/rates`)).headers.get('retry-after')).toBe('1');
    expect((await fetch(`${api.url}/rates`)).status).toBe(503);
    expect((await fetch(`${api.url}/rates`)).status).toBe(200);
  });

  it('fails with a message naming the port when the port is taken', async () => {
    await expect(start({ port: api.port })).rejects.toMatchObject({ name: 'PortInUseError', code: 'EADDRINUSE', port: api.port });
  });
});
