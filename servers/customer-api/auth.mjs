import { createRemoteJWKSet, jwtVerify, errors } from 'jose';
import { createProofVerifier } from './dpop.mjs';

/**
 * Access-token checking for the customer API: RFC 9068 JWT access tokens (`typ: at+jwt`) signed
 * by a key from the IdP's JWKS, with the expected `iss` and `aud`, not expired. A token bound to
 * a key (`cnf.jkt`, RFC 9449) is accepted only as `Authorization: DPoP` with a valid proof of
 * that key; an unbound token only as `Bearer`.
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
 *   | { ok: false, status: 401 | 503, code: string, description: string, scheme: 'Bearer' | 'DPoP' }} AuthResult
 */

/**
 * What the verifier reads of a request.
 * @typedef {object} AuthRequest
 * @property {string | undefined} authorization
 * @property {string | string[] | undefined} dpop  The `DPoP` header(s).
 * @property {string} method
 * @property {string} htu  This request's public URL (what a proof's `htu` must name).
 */

/**
 * @param {{ jwksUrl: string, issuer: string, audience: string, clockTolerance: number }} options
 * @returns {(request: AuthRequest) => Promise<AuthResult>}
 */
export function createTokenVerifier({ jwksUrl, issuer, audience, clockTolerance }) {
  const jwks = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 3_000, cooldownDuration: 5_000 });
  const verifyProof = createProofVerifier();
  return async ({ authorization, dpop, method, htu }) => {
    const match = /^(Bearer|DPoP) ([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization ?? '');
    if (!authorization) return fail('missing-token', 'missing Authorization: Bearer (or DPoP) token');
    if (!match?.[1] || !match[2]) return fail('malformed-token', 'Authorization header must be "Bearer <token>" or "DPoP <token>"');
    const scheme = match[1].toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
    const token = match[2];
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer,
        audience,
        clockTolerance,
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp'],
      });
      const jkt = typeof payload.cnf === 'object' && payload.cnf !== null ? /** @type {{ jkt?: unknown }} */ (payload.cnf).jkt : undefined;
      if (scheme === 'Bearer' && jkt !== undefined) {
        return fail('dpop-bound-token', 'this token is bound to a DPoP key: send it as "Authorization: DPoP <token>" with a DPoP proof', 'DPoP');
      }
      if (scheme === 'DPoP') {
        if (typeof jkt !== 'string') return fail('token-not-bound', 'this token is not DPoP-bound: send it as "Authorization: Bearer <token>"', 'DPoP');
        const proof = await verifyProof(dpop, { method, htu, accessToken: token, jkt });
        if (!proof.ok) return fail(proof.code, proof.description, 'DPoP');
      }
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
      const result = classify(error, { issuer, audience, jwksUrl });
      return result.ok ? result : { ...result, scheme };
    }
  };
}

/**
 * @param {string} code @param {string} description @param {'Bearer' | 'DPoP'} [scheme]
 * @returns {AuthResult}
 */
function fail(code, description, scheme = 'Bearer') {
  return { ok: false, status: 401, code, description, scheme };
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
    return { ok: false, status: 503, scheme: 'Bearer', code: 'jwks-unavailable', description: `cannot load signing keys from ${expected.jwksUrl}: ${message}` };
  }
  if (error instanceof errors.JOSEError) return fail('invalid-token', error.message);
  throw error;
}
