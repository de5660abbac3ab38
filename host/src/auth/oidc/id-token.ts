import { SessionError } from '../session-error.js';

export interface IdTokenExpectations {
  readonly issuer: string;
  readonly clientId: string;
  readonly clockSkewSeconds: number;
  /** Seconds since the epoch. */
  readonly now?: number;
  /** Default true. Off only for a stored session, whose refresh token is what counts. */
  readonly checkExpiry?: boolean;
}

/**
 * The ID-token checks oidc-client-ts leaves out (its issue #2475): `iss` equals the configured
 * issuer, `aud` contains the client, `azp` (required when there are several audiences) is the
 * client, and `exp` has not passed. The token came straight from the token endpoint over TLS,
 * which OIDC Core (3.1.3.7) accepts in place of checking its signature.
 *
 * @example
 * ```ts
 * const claims = checkIdToken(user.id_token, { issuer, clientId, clockSkewSeconds: 60 });
 * ```
 */
export function checkIdToken(idToken: string | undefined, expected: IdTokenExpectations): Record<string, unknown> {
  const claims = decodePayload(idToken);
  const now = expected.now ?? Math.floor(Date.now() / 1000);
  const fail = (what: string) =>
    new SessionError('id-token-invalid', `Sign-in was refused: the identity provider's ID token ${what}. Check "auth.authority", "auth.issuer" and "auth.clientId" in the host config.`);
  if (claims['iss'] !== expected.issuer) throw fail(`was issued by ${JSON.stringify(claims['iss'])}, not the configured issuer ${JSON.stringify(expected.issuer)}`);
  const aud = claims['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expected.clientId)) throw fail(`is for ${JSON.stringify(aud)}, not this client ${JSON.stringify(expected.clientId)}`);
  const azp = claims['azp'];
  if (audiences.length > 1 && azp === undefined) throw fail('has several audiences but no authorized party (azp)');
  if (azp !== undefined && azp !== expected.clientId) throw fail(`was issued to ${JSON.stringify(azp)} (azp), not this client`);
  const exp = claims['exp'];
  if (typeof exp !== 'number') throw fail('has no expiry (exp)');
  if (expected.checkExpiry !== false && exp + expected.clockSkewSeconds < now) throw fail(`expired at ${new Date(exp * 1000).toISOString()}`);
  if (typeof claims['sub'] !== 'string' || claims['sub'] === '') throw fail('has no subject (sub)');
  return claims;
}

function decodePayload(jwt: string | undefined): Record<string, unknown> {
  const part = jwt?.split('.')[1];
  try {
    if (!part) throw new Error('not a JWT');
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('payload is not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new SessionError('id-token-invalid', 'Sign-in was refused: the identity provider sent no readable ID token. Check that the "openid" scope is requested.', { cause: error });
  }
}
