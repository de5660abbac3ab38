import { now } from './span-record.js';
import type { SpanRecord } from './span-record.js';

/**
 * A `fetch` for one MFE's API clients that records each request (retries included) as a client
 * span attributed to that MFE. The query string stays out of the span: it may carry personal data.
 */
export function tracedFetch(mfe: string, record: (span: SpanRecord) => void): typeof fetch {
  return async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const raw = input instanceof Request ? input.url : String(input);
    let url = raw;
    try {
      const parsed = new URL(raw, location.href);
      url = `${parsed.origin}${parsed.pathname}`;
    } catch {
      // keep it as given
    }
    const startTime = now();
    const base = { 'http.request.method': method, 'url.full': url };
    try {
      const response = await globalThis.fetch(input, init);
      record({ name: method, kind: 'client', startTime, endTime: now(), mfe, attributes: { ...base, 'http.response.status_code': response.status } });
      return response;
    } catch (error) {
      const aborted = error instanceof DOMException && error.name === 'AbortError';
      record({ name: method, kind: 'client', startTime, endTime: now(), mfe, attributes: { ...base, 'atrium.aborted': aborted }, ...(aborted ? {} : { error: { type: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } }) });
      throw error;
    }
  };
}
