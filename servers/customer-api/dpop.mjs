import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, errors, jwtVerify } from 'jose';

/**
 * DPoP proof checking for a resource server (RFC 9449 §4.3 and §7.1): the proof is a JWT signed
 * by the key in its own header, bound to this request (`htm`, `htu`), to this moment (`iat`),
 * used once (`jti`), to this access token (`ath`), and its key is the one the token was bound to
 * (`cnf.jkt`). A stolen token is useless without the private key, and a stolen proof is useless
 * for any other request or a second time.
 */

/** Asymmetric algorithms a proof may use; `none` and HMAC are never accepted. */
export const DPOP_ALGS = ['ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'PS256', 'RS256'];

/**
 * @typedef {{ ok: true } | { ok: false, code: string, description: string }} ProofResult
 */

/**
 * @param {{ iatWindowSeconds?: number, maxRemembered?: number, now?: () => number }} [options]
 *   `iatWindowSeconds`: how far a proof's `iat` may be from now (default 60); proofs are
 *   remembered for twice that, which is all the replay cache must cover.
 * @returns {(proof: string | string[] | undefined, request: { method: string, htu: string, accessToken: string, jkt: string }) => Promise<ProofResult>}
 */
export function createProofVerifier({ iatWindowSeconds = 60, maxRemembered = 100_000, now = () => Date.now() / 1000 } = {}) {
  /** jti → second after which it may be forgotten (its proof is then too old anyway). */
  const seen = new Map();
  const remember = (/** @type {string} */ jti, /** @type {number} */ at) => {
    for (const [old, until] of seen) {
      if (until > at && seen.size < maxRemembered) break;
      seen.delete(old);
    }
    seen.set(jti, at + 2 * iatWindowSeconds);
  };

  return async (proof, { method, htu, accessToken, jkt }) => {
    if (proof === undefined) return fail('missing-dpop-proof', 'a DPoP-bound token needs a DPoP proof header');
    if (Array.isArray(proof) || proof.includes(',')) return fail('invalid-dpop-proof', 'exactly one DPoP header is allowed');
    let header;
    let payload;
    try {
      if (decodeProtectedHeader(proof).typ !== 'dpop+jwt') return fail('invalid-dpop-proof', 'the DPoP proof must have typ dpop+jwt');
      ({ payload, protectedHeader: header } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: DPOP_ALGS }));
    } catch (error) {
      if (error instanceof errors.JOSEAlgNotAllowed) return fail('invalid-dpop-proof', `the DPoP proof algorithm is not accepted (use one of ${DPOP_ALGS.join(', ')})`);
      if (error instanceof errors.JOSEError) return fail('invalid-dpop-proof', `the DPoP proof is not a valid signed JWT (${error.message})`);
      throw error;
    }
    const at = now();
    if (payload.htm !== method) return fail('invalid-dpop-proof', `the DPoP proof is for ${String(payload.htm)}, not ${method}`);
    if (typeof payload.htu !== 'string' || stripUrl(payload.htu) !== stripUrl(htu)) return fail('invalid-dpop-proof', `the DPoP proof is for ${String(payload.htu)}, not ${htu}`);
    if (typeof payload.iat !== 'number' || Math.abs(at - payload.iat) > iatWindowSeconds) return fail('invalid-dpop-proof', `the DPoP proof's iat is missing or more than ${iatWindowSeconds} s from now`);
    if (typeof payload.jti !== 'string' || payload.jti.length < 8) return fail('invalid-dpop-proof', 'the DPoP proof needs a unique jti');
    if (payload.ath !== createHash('sha256').update(accessToken).digest('base64url')) return fail('invalid-dpop-proof', 'the DPoP proof is for another access token (ath)');
    if (!header.jwk || (await calculateJwkThumbprint(header.jwk)) !== jkt) return fail('dpop-key-mismatch', 'the DPoP proof is signed with another key than the one the token is bound to (cnf.jkt)');
    // Checked last, so a proof that fails otherwise does not use up its jti.
    if (seen.has(payload.jti)) return fail('dpop-proof-replayed', 'this DPoP proof was already used (same jti)');
    remember(payload.jti, at);
    return { ok: true };
  };
}

/**
 * The `htu` comparison of RFC 9449 §4.3: scheme, host, port and path; no query, no fragment.
 * @param {string} value
 */
function stripUrl(value) {
  const url = URL.parse(value);
  if (!url) return `invalid:${value}`;
  url.search = '';
  url.hash = '';
  return url.href;
}

/** @param {string} code @param {string} description @returns {ProofResult} */
function fail(code, description) {
  return { ok: false, code, description };
}
