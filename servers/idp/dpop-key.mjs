import { createHash, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * A DPoP key pair for Node clients (tests, scripts): what a browser keeps non-extractable in
 * IndexedDB. `proof()` makes one RFC 9449 proof per request.
 *
 * @example
 * ```js
 * const key = await createDpopKey();
 * const tokens = await headlessLogin({ ..., dpopKey: key });
 * await fetch(url, { headers: { Authorization: `DPoP ${tokens.access_token}`, DPoP: await key.proof({ htm: 'GET', htu: url, accessToken: tokens.access_token }) } });
 * ```
 */
export async function createDpopKey() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const { kty, crv, x, y } = await exportJWK(publicKey);
  const jwk = { kty, crv, x, y };
  const jkt = await calculateJwkThumbprint(/** @type {import('jose').JWK} */ (jwk));
  return {
    /** The public key's RFC 7638 thumbprint, what a bound token carries as `cnf.jkt`. */
    jkt,
    /**
     * @param {{ htm: string, htu: string, accessToken?: string, jti?: string, iat?: number }} claims
     *   `jti`/`iat` only to forge replays and stale proofs in tests.
     */
    proof({ htm, htu, accessToken, jti, iat }) {
      const url = new URL(htu);
      url.search = '';
      url.hash = '';
      return new SignJWT({
        htm,
        htu: url.href,
        jti: jti ?? randomUUID(),
        ...(accessToken ? { ath: createHash('sha256').update(accessToken).digest('base64url') } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: /** @type {import('jose').JWK} */ (jwk) })
        .setIssuedAt(iat)
        .sign(privateKey);
    },
  };
}
