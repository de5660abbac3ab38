import { now } from './span-record.js';
import type { SpanRecord } from './span-record.js';

/** One API request as the probe's `fetch` saw it: what was asked, when, and its outcome. */
export interface ApiRequest {
  readonly mfe: string;
  readonly input: RequestInfo | URL;
  readonly init: RequestInit | undefined;
  readonly startTime: number;
  readonly response: Promise<Response>;
}

/**
 * The client span of one request, attributed to the MFE that made it. The query string stays out
 * of the span: it may carry personal data. An abort is recorded, not counted as an error.
 */
export async function apiSpan(request: ApiRequest): Promise<SpanRecord> {
  const { input, init, mfe, startTime } = request;
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const raw = input instanceof Request ? input.url : String(input);
  let url = raw;
  try {
    const parsed = new URL(raw, location.href);
    url = `${parsed.origin}${parsed.pathname}`;
  } catch {
    // keep it as given
  }
  const base = { 'http.request.method': method, 'url.full': url };
  try {
    const response = await request.response;
    return { name: method, kind: 'client', startTime, endTime: now(), mfe, attributes: { ...base, 'http.response.status_code': response.status } };
  } catch (error) {
    const aborted = error instanceof DOMException && error.name === 'AbortError';
    return { name: method, kind: 'client', startTime, endTime: now(), mfe, attributes: { ...base, 'atrium.aborted': aborted }, ...(aborted ? {} : { error: { type: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } }) };
  }
}
