import { createRemoteJWKSet, jwtVerify, errors } from 'jose';

/**
 * Bearer-token checking for the customer API: RFC 9068 JWT access tokens (`typ: at+jwt`) signed
 * by a key from the IdP's JWKS, with the expected `iss` and `aud`, not expired.
 */

/**
 * @typedef {object} TokenClaims
 * @property {string} sub
 * @property {string | undefined} name
 * @property {string[]} scopes
 * @property {string | undefined} clientId
 */

/**
 * @typedef {{ ok: true, claims: TokenClaims }
 *   | { ok: false, status: 401 | 503, code: string, description: string }} AuthResult
 */

/**
 * @param {{ jwksUrl: string, issuer: string, audience: string, clockTolerance: number }} options
 * @returns {(authorization: string | undefined) => Promise<AuthResult>}
 */
export function createTokenVerifier({ jwksUrl, issuer, audience, clockTolerance }) {
  const jwks = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 3_000, cooldownDuration: 5_000 });
  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization ?? '');
    if (!authorization) return fail('missing-token', 'missing Authorization: Bearer token');
    if (!match?.[1]) return fail('malformed-token', 'Authorization header must be "Bearer <token>"');
    try {
      const { payload } = await jwtVerify(match[1], jwks, {
        issuer,
        audience,
        clockTolerance,
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp'],
      });
      return {
        ok: true,
        claims: {
          sub: String(payload.sub),
          name: typeof payload.name === 'string' ? payload.name : undefined,
          scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
          clientId: typeof payload.client_id === 'string' ? payload.client_id : undefined,
        },
      };
    } catch (error) {
      return classify(error, { issuer, audience, jwksUrl });
    }
  };
}

/**
 * @param {string} code @param {string} description
 * @returns {AuthResult}
 */
function fail(code, description) {
  return { ok: false, status: 401, code, description };
}

/**
 * Turns a jose error into a reason a developer can act on.
 * @param {unknown} error
 * @param {{ issuer: string, audience: string, jwksUrl: string }} expected
 * @returns {AuthResult}
 */
function classify(error, expected) {
  if (error instanceof errors.JWTExpired) return fail('token-expired', 'token expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return fail('wrong-audience', `token audience is not ${expected.audience}`);
    if (error.claim === 'iss') return fail('wrong-issuer', `token issuer is not ${expected.issuer}`);
    if (error.claim === 'typ') return fail('wrong-token-type', 'token type must be at+jwt (an access token, not an ID token)');
    return fail('invalid-claims', `token claim "${error.claim}" is invalid: ${error.reason}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return fail('bad-signature', 'token signature verification failed');
  if (error instanceof errors.JWKSNoMatchingKey) return fail('unknown-signing-key', 'no key in the issuer JWKS matches the token (bad signature or rotated keys)');
  if (error instanceof errors.JWKSMultipleMatchingKeys) return fail('bad-signature', 'token signature verification failed');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return fail('unsupported-algorithm', 'token algorithm is not accepted');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return fail('malformed-token', 'token is not a well-formed JWT');
  // Key-loading failures are the server's problem, not the caller's: 503 so clients retry.
  const generic = error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError || generic) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 503, code: 'jwks-unavailable', description: `cannot load signing keys from ${expected.jwksUrl}: ${message}` };
  }
  if (error instanceof errors.JOSEError) return fail('invalid-token', error.message);
  throw error;
}
