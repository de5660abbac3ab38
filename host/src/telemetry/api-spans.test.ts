import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiSpan, observedFetch } from './api-spans.js';
import type { ApiRequest } from './api-spans.js';

afterEach(() => vi.unstubAllGlobals());

describe('observedFetch and apiSpan', () => {
  it('records each request as a client span of the MFE, with method, URL without query, and status', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })));
    const seen: ApiRequest[] = [];
    const traced = observedFetch('cart', (request) => seen.push(request));
    const response = await traced(new Request('https://api.example.com/accounts/42?iban=DE89', { method: 'post' }));
    expect(response.status).toBe(404);
    expect(seen).toHaveLength(1);
    const span = await apiSpan(seen[0]!);
    expect(span).toMatchObject({ name: 'POST', kind: 'client', mfe: 'cart', attributes: { 'http.request.method': 'POST', 'url.full': 'https://api.example.com/accounts/42', 'http.response.status_code': 404 } });
    expect(span.endTime).toBeGreaterThanOrEqual(span.startTime);
  });

  it('records a network failure as an error and an abort as not an error, and rethrows both to the MFE', async () => {
    const seen: ApiRequest[] = [];
    const traced = observedFetch('cart', (request) => seen.push(request));
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    await expect(traced('https://api.example.com/x')).rejects.toThrow('Failed to fetch');
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new DOMException('gone', 'AbortError');
    }));
    await expect(traced('https://api.example.com/y')).rejects.toThrow('gone');
    const spans = await Promise.all(seen.map(apiSpan));
    expect(spans.map((s) => [s.attributes['url.full'], s.error?.message, s.attributes['atrium.aborted']])).toEqual([
      ['https://api.example.com/x', 'Failed to fetch', false],
      ['https://api.example.com/y', undefined, true],
    ]);
  });
});
