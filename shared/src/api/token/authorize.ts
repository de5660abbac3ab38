import type { DpopProof } from './token-source.js';
import { mayCarryToken } from './token-policy.js';

/** How one API authenticates a request. */
export interface Authorization {
  /** The only origin the token may go to. */
  readonly origin: string;
  /** Set when the API uses DPoP (`dpop: true`). */
  readonly dpopProof: DpopProof | undefined;
}

/** The proof's `htu`: scheme, host, port and path, no query or fragment (RFC 9449 §4.2). */
function targetUri(url: string): string {
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname;
}

/**
 * Puts the token (and, for DPoP, a fresh proof) on the Request about to be sent, or strips both
 * when the request's final URL is not the API's exact origin. Decided on the Request itself, so
 * the check sees the URL after every resolution and merge; run before every attempt.
 */
export async function authorize(request: Request, token: string, auth: Authorization): Promise<void> {
  if (!mayCarryToken(request.url, auth.origin)) {
    request.headers.delete('authorization');
    request.headers.delete('dpop');
    return;
  }
  if (auth.dpopProof === undefined) {
    request.headers.set('authorization', `Bearer ${token}`);
    return;
  }
  const proof = await auth.dpopProof({ url: targetUri(request.url), method: request.method.toUpperCase(), accessToken: token });
  request.headers.set('authorization', `DPoP ${token}`);
  request.headers.set('dpop', proof);
}
