import { describe, expect, it } from 'vitest';
import { apiSpan } from './api-spans.js';

const request = (input: RequestInfo | URL, response: Promise<Response>, init?: RequestInit) => ({ mfe: 'cart', input, init, startTime: performance.timeOrigin, response });

describe('apiSpan', () => {
  it('makes a client span of the MFE, with method, URL without query, and status', async () => {
    const span = await apiSpan(request(new Request('https://api.example.com/accounts/42?iban=DE89', { method: 'post' }), Promise.resolve(new Response('{}', { status: 404 }))));
    expect(span).toMatchObject({ name: 'POST', kind: 'client', mfe: 'cart', attributes: { 'http.request.method': 'POST', 'url.full': 'https://api.example.com/accounts/42', 'http.response.status_code': 404 } });
    expect(span.endTime).toBeGreaterThanOrEqual(span.startTime);
  });

  it('records a network failure as an error and an abort as not an error', async () => {
    const spans = await Promise.all([
      apiSpan(request('https://api.example.com/x', Promise.reject(new TypeError('Failed to fetch')))),
      apiSpan(request('https://api.example.com/y', Promise.reject(new DOMException('gone', 'AbortError')), { method: 'delete' })),
    ]);
    expect(spans.map((s) => [s.name, s.attributes['url.full'], s.error?.message, s.attributes['atrium.aborted']])).toEqual([
      ['GET', 'https://api.example.com/x', 'Failed to fetch', false],
      ['DELETE', 'https://api.example.com/y', undefined, true],
    ]);
  });
});
