import { createHash, randomBytes } from 'node:crypto';

/** @typedef {Awaited<ReturnType<typeof import('./dpop-key.mjs').createDpopKey>>} DpopKey */

/**
 * Signs in against the Atrium IdP from Node, without a browser: authorization code + PKCE through
 * the IdP's own login and consent forms. For tests that need real tokens.
 *
 * @example
 * ```js
 * const tokens = await headlessLogin({ idpUrl: idp.url, redirectUri: 'http://localhost:5173/auth/callback', username: 'alice', password: 'alice' });
 * await fetch(`${api.url}/accounts`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
 * ```
 * @param {object} options
 * @param {string} options.idpUrl
 * @param {string} options.redirectUri  Must be registered for the client.
 * @param {string} options.username
 * @param {string} options.password
 * @param {string} [options.clientId]   Default `atrium-host`.
 * @param {string} [options.scope]      Default `openid profile email accounts:read transfers:write`.
 * @param {string} [options.resource]   Resource indicator; default none (the IdP's default resource).
 * @param {DpopKey} [options.dpopKey]    Binds the code and the tokens to this key (from `createDpopKey()`);
 *   required by clients registered with `dpop_bound_access_tokens`, such as `atrium-host`.
 * @returns {Promise<{ access_token: string, refresh_token?: string, id_token?: string, expires_in: number, scope?: string, token_type: string }>}
 */
export async function headlessLogin({ idpUrl, redirectUri, username, password, clientId = 'atrium-host', scope = 'openid profile email accounts:read transfers:write', resource, dpopKey }) {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('base64url');
  const authorize = new URL('/auth', idpUrl);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce: randomBytes(8).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(resource ? { resource } : {}),
    ...(dpopKey ? { dpop_jkt: dpopKey.jkt } : {}),
  }).toString();

  const browser = createCookieBrowser();
  let response = await browser.request(authorize.href);
  for (let step = 0; step < 10; step += 1) {
    const location = response.headers.get('location');
    if (location?.startsWith(redirectUri)) {
      const callback = new URL(location);
      const error = callback.searchParams.get('error');
      if (error) throw new Error(`IdP refused: ${error} ${callback.searchParams.get('error_description') ?? ''}`);
      if (callback.searchParams.get('state') !== state) throw new Error('IdP returned a different state');
      return exchangeCode({ idpUrl, clientId, redirectUri, verifier, code: callback.searchParams.get('code') ?? '', resource, dpopKey });
    }
    if (location) {
      response = await browser.request(new URL(location, idpUrl).href);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`unexpected ${response.status} from ${response.url}: ${html.slice(0, 300)}`);
    const interaction = new URL(response.url).pathname;
    response = html.includes('name="password"')
      ? await browser.request(`${new URL(`${interaction}/login`, idpUrl).href}`, { username, password })
      : await browser.request(`${new URL(`${interaction}/confirm`, idpUrl).href}`, {});
    if (response.status === 401) throw new Error(`login failed for ${username}: wrong username or password`);
  }
  throw new Error('too many redirects during sign-in');
}

/**
 * @param {{ idpUrl: string, clientId: string, redirectUri: string, verifier: string, code: string, resource: string | undefined, dpopKey: DpopKey | undefined }} args
 */
async function exchangeCode({ idpUrl, clientId, redirectUri, verifier, code, resource, dpopKey }) {
  const response = await fetch(new URL('/token', idpUrl), {
    method: 'POST',
    headers: await tokenHeaders(idpUrl, dpopKey),
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier, ...(resource ? { resource } : {}) }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Refreshes tokens with a refresh token. Throws with the IdP's error (e.g. invalid_grant) on failure.
 * A DPoP-bound refresh token needs a proof of its key (`dpopKey`); `dpopProof` sends a given
 * proof instead (to replay one in tests).
 * @param {{ idpUrl: string, refreshToken: string, clientId?: string, resource?: string, dpopKey?: DpopKey, dpopProof?: string }} args
 */
export async function refreshTokens({ idpUrl, refreshToken, clientId = 'atrium-host', resource, dpopKey, dpopProof }) {
  const headers = await tokenHeaders(idpUrl, dpopKey);
  if (dpopProof) headers.DPoP = dpopProof;
  const response = await fetch(new URL('/token', idpUrl), {
    method: 'POST',
    headers,
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, ...(resource ? { resource } : {}) }),
  });
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(`refresh failed: ${response.status} ${body.error}: ${body.error_description}`), { status: response.status, body });
  return body;
}

/**
 * @param {string} idpUrl @param {DpopKey | undefined} dpopKey
 * @returns {Promise<Record<string, string>>}
 */
async function tokenHeaders(idpUrl, dpopKey) {
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (dpopKey) headers.DPoP = await dpopKey.proof({ htm: 'POST', htu: new URL('/token', idpUrl).href });
  return headers;
}

/** Just enough of a browser: manual redirects and a cookie jar keyed by name. */
function createCookieBrowser() {
  /** @type {Map<string, string>} */
  const jar = new Map();
  return {
    /** @param {string} url @param {Record<string, string>} [form] POSTs the form when given */
    async request(url, form) {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
        ...(form ? { body: new URLSearchParams(form) } : {}),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const index = pair.indexOf('=');
        const name = pair.slice(0, index).trim();
        const value = pair.slice(index + 1).trim();
        if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      return response;
    },
  };
}
