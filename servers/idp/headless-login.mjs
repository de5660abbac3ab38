import { createHash, randomBytes } from 'node:crypto';

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
 * @returns {Promise<{ access_token: string, refresh_token?: string, id_token?: string, expires_in: number, scope?: string, token_type: string }>}
 */
export async function headlessLogin({ idpUrl, redirectUri, username, password, clientId = 'atrium-host', scope = 'openid profile email accounts:read transfers:write', resource }) {
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
      return exchangeCode({ idpUrl, clientId, redirectUri, verifier, code: callback.searchParams.get('code') ?? '', resource });
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
 * @param {{ idpUrl: string, clientId: string, redirectUri: string, verifier: string, code: string, resource: string | undefined }} args
 */
async function exchangeCode({ idpUrl, clientId, redirectUri, verifier, code, resource }) {
  const response = await fetch(new URL('/token', idpUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier, ...(resource ? { resource } : {}) }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Refreshes tokens with a refresh token. Throws with the IdP's error (e.g. invalid_grant) on failure.
 * @param {{ idpUrl: string, refreshToken: string, clientId?: string }} args
 */
export async function refreshTokens({ idpUrl, refreshToken, clientId = 'atrium-host' }) {
  const response = await fetch(new URL('/token', idpUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }),
  });
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(`refresh failed: ${response.status} ${body.error}: ${body.error_description}`), { status: response.status, body });
  return body;
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
