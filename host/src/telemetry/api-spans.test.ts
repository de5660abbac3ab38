import { afterEach, describe, expect, it, vi } from 'vitest';
import { tracedFetch } from './api-spans.js';
import type { SpanRecord } from './span-record.js';

afterEach(() => vi.unstubAllGlobals());

describe('tracedFetch', () => {
  it('records each request as a client span of the MFE, with method, URL without query, and status', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })));
    const spans: SpanRecord[] = [];
    const traced = tracedFetch('cart', (span) => spans.push(span));
    const response = await traced(new Request('https://api.example.com/accounts/42?iban=DE89', { method: 'post' }));
    expect(response.status).toBe(404);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ name: 'POST', kind: 'client', mfe: 'cart', attributes: { 'http.request.method': 'POST', 'url.full': 'https://api.example.com/accounts/42', 'http.response.status_code': 404 } });
    expect(spans[0]!.endTime).toBeGreaterThanOrEqual(spans[0]!.startTime);
  });

  it('records a network failure as an error and an abort as not an error, and rethrows both', async () => {
    const spans: SpanRecord[] = [];
    const traced = tracedFetch('cart', (span) => spans.push(span));
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    await expect(traced('https://api.example.com/x')).rejects.toThrow('Failed to fetch');
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new DOMException('gone', 'AbortError');
    }));
    await expect(traced('https://api.example.com/y')).rejects.toThrow('gone');
    expect(spans.map((s) => [s.attributes['url.full'], s.error?.message, s.attributes['atrium.aborted']])).toEqual([
      ['https://api.example.com/x', 'Failed to fetch', false],
      ['https://api.example.com/y', undefined, true],
    ]);
  });
});
