import ky from 'ky';
import type { HttpMethod } from '../config/api-config.js';
import { mayCarryToken } from '../token/token-policy.js';
import { readCapped } from './read-body.js';

/** One network attempt to make. */
export interface AttemptSpec {
  readonly method: HttpMethod;
  /** Absolute URL, query included. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly json: unknown;
  readonly token: string | undefined;
  /** The only origin `token` may go to. */
  readonly origin: string;
  readonly signal: AbortSignal;
  /** `'manual'` for authenticated APIs: a redirect must never carry the token anywhere. */
  readonly redirect: RequestRedirect;
  readonly maxErrorBodyBytes: number;
  readonly fetch: typeof globalThis.fetch | undefined;
}

/** What came back, with the body already read (fully on success, capped on failure). */
export interface AttemptResult {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  /** A redirect the API answered with while redirects are not followed. */
  readonly redirected: boolean;
  readonly headers: Headers;
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Sends one attempt through ky with ky's own retries and timeouts off: the caller owns the loop
 * so it can apply the token policy, the refresh-once rule and the error-body cap per attempt.
 */
export async function sendAttempt(spec: AttemptSpec): Promise<AttemptResult> {
  const response = await ky(spec.url, {
    method: spec.method,
    ...(spec.headers === undefined ? {} : { headers: spec.headers }),
    ...(spec.json === undefined ? {} : { json: spec.json }),
    redirect: spec.redirect,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    // The signal goes to fetch, not to ky: given a `signal`, ky combines it with its own through
    // `AbortSignal.any` and rebuilds the Request, a third of its per-call cost, for timeouts and
    // retries that are switched off here.
    fetch: (input, init) => (spec.fetch ?? globalThis.fetch)(input, init === undefined ? { signal: spec.signal } : { ...init, signal: spec.signal }),
    hooks: { beforeRequest: [({ request }) => attachToken(request, spec)] },
  });
  const redirected = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
  const ok = response.ok && !redirected;
  if (ok) {
    return { status: response.status, statusText: response.statusText, ok, redirected, headers: response.headers, text: await response.text(), truncated: false };
  }
  const body = await readCapped(response, spec.maxErrorBodyBytes);
  return { status: response.status, statusText: response.statusText, ok, redirected, headers: response.headers, text: body.text, truncated: body.truncated };
}

// Decided on the Request ky is about to send, so the check sees the final URL, whatever
// resolution or search-param merging happened before.
function attachToken(request: Request, spec: AttemptSpec): void {
  if (spec.token === undefined) return;
  if (mayCarryToken(request.url, spec.origin)) request.headers.set('authorization', `Bearer ${spec.token}`);
  else request.headers.delete('authorization');
}
