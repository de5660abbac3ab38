import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { calculateJwkThumbprint } from 'jose';
import Provider, { errors as oidcErrors, interactionPolicy } from 'oidc-provider';
import { listen } from '../http/listen.mjs';
import { createLogger, withRequestLog } from '../http/logger.mjs';
import { parseCommonArgs, runFromCli } from '../http/cli.mjs';
import { readJsonBody, sendJson, sendProblem, BodyError } from '../http/respond.mjs';
import { createMemoryStore } from './adapter.mjs';
import { createAccountStore, DEFAULT_USERS } from './accounts.mjs';
import { createInteractionHandler } from './interactions.mjs';
import { PAGE_HEADERS, errorPage, logoutPage, loggedOutPage } from './pages.mjs';

export const DEFAULT_PORT = 5400;
export const DEFAULT_CLIENT_ID = 'atrium-host';
export const DEFAULT_RESOURCE_SCOPE = 'accounts:read transfers:write';
const NAME = 'idp';

/**
 * @typedef {object} ResourceOption
 * @property {string} [scope] Space-separated scopes this API knows; default `accounts:read transfers:write`.
 * @property {number} [accessTokenTtl] Seconds; default the IdP's `accessTokenTtl`.
 */

/**
 * A public client for the widgets on one embedding site (a CMS origin). Whatever a page there
 * asks for, tokens carry at most `scopes` of any API.
 * @typedef {object} EmbedderClient
 * @property {string} clientId
 * @property {string} callbackUri The site's one callback page (e.g. `https://blog.example/atrium/callback/`):
 *   its only redirect URI and post-logout redirect URI. Every page of the site returns through it.
 * @property {string[]} [scopes] API scopes the widgets may get; default `['accounts:read']` (read-only).
 * @property {string} [name] Shown on the IdP's consent page; default "Widgets on <origin>".
 */

/**
 * @typedef {object} IdpOptions
 * @property {number} [port]    Default 5400; 0 picks a free port.
 * @property {string} [host]    Default 127.0.0.1.
 * @property {string} [issuer]  Default `http://localhost:PORT`.
 * @property {string[]} [redirectUris] For the default `atrium-host` client; default
 *   `http://localhost:5173/auth/callback`, `http://localhost:4173/auth/callback`.
 * @property {string[]} [postLogoutRedirectUris] Default `http://localhost:5173/`, `http://localhost:4173/`.
 * @property {Array<Record<string, unknown>>} [clients] oidc-provider client metadata; replaces the default client.
 * @property {EmbedderClient[]} [embedders] One public client per CMS origin that embeds widgets,
 *   besides the portal's: its one callback URI, consent page and (narrow) API scopes.
 * @property {Record<string, ResourceOption>} [resources] Resource indicator (= JWT `aud`) → API;
 *   default `{ 'http://localhost:5301': { scope: 'accounts:read transfers:write' } }`.
 * @property {string | null} [defaultResource] Audience used when the client sends no `resource`;
 *   default the first resource. `null` turns defaulting off (then opaque tokens for userinfo).
 * @property {number} [accessTokenTtl] Seconds; default 60.
 * @property {number} [refreshTokenTtl] Seconds; default 86400 (rotation never extends it).
 * @property {string[]} [allowedOrigins] Extra CORS origins besides the clients' redirect-URI origins.
 * @property {import('./accounts.mjs').User[]} [users] Default alice/alice and bob/bob.
 * @property {{ keys: Array<Record<string, unknown>> }} [jwks] Private signing keys; default a fresh RSA key per start.
 * @property {boolean} [requireDpop] Registers the portal's and the embedders' clients with
 *   `dpop_bound_access_tokens`: no token request without a DPoP proof, so no unbound token. Default true.
 * @property {boolean} [testHooks] Enables `POST /__revoke` and `POST /__outage { "down": true|false }`; default false.
 * @property {import('../http/logger.mjs').LogOption} [log] Silent by default.
 */

/** @param {IdpOptions} [options] */
export function resolveIdpOptions(options = {}) {
  const resources = options.resources ?? { 'http://localhost:5301': {} };
  for (const indicator of Object.keys(resources)) {
    if (!URL.canParse(indicator)) throw new TypeError(`${NAME}: option "resources" keys must be absolute URIs, got "${indicator}"`);
  }
  const accessTokenTtl = options.accessTokenTtl ?? 60;
  const refreshTokenTtl = options.refreshTokenTtl ?? 86_400;
  for (const [key, value] of Object.entries({ accessTokenTtl, refreshTokenTtl })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${NAME}: option "${key}" must be a positive integer (seconds)`);
  }
  const defaultResource = options.defaultResource === undefined ? Object.keys(resources)[0] : options.defaultResource ?? undefined;
  if (defaultResource !== undefined && !Object.hasOwn(resources, defaultResource)) {
    throw new TypeError(`${NAME}: option "defaultResource" must be one of the "resources" keys`);
  }
  const embedders = (options.embedders ?? []).map((e) => resolveEmbedder(e));
  return {
    embedders,
    requireDpop: options.requireDpop !== false,
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? '127.0.0.1',
    issuer: options.issuer,
    redirectUris: options.redirectUris ?? ['http://localhost:5173/auth/callback', 'http://localhost:4173/auth/callback'],
    postLogoutRedirectUris: options.postLogoutRedirectUris ?? ['http://localhost:5173/', 'http://localhost:4173/'],
    clients: options.clients,
    resources,
    defaultResource,
    accessTokenTtl,
    refreshTokenTtl,
    allowedOrigins: new Set((options.allowedOrigins ?? []).map((o) => URL.parse(o)?.origin ?? o)),
    users: options.users ?? DEFAULT_USERS,
    jwks: options.jwks,
    testHooks: options.testHooks === true,
    log: createLogger(`servers:${NAME}`, options.log),
  };
}

/** @param {EmbedderClient} embedder */
function resolveEmbedder(embedder) {
  const where = `${NAME}: option "embedders"`;
  if (typeof embedder?.clientId !== 'string' || !embedder.clientId) throw new TypeError(`${where}: each embedder needs a "clientId"`);
  if (embedder.clientId === DEFAULT_CLIENT_ID) throw new TypeError(`${where}: "${embedder.clientId}" is the portal's client; an embedder gets its own`);
  const uri = URL.parse(embedder.callbackUri ?? '');
  if (!uri || uri.search || uri.hash || !uri.pathname.startsWith('/')) {
    throw new TypeError(`${where}: "${embedder.clientId}" needs "callbackUri", the absolute URL of the site's one callback page without query or fragment (e.g. https://blog.example/atrium/callback/)`);
  }
  return {
    clientId: embedder.clientId,
    redirectUris: [uri.href],
    postLogoutRedirectUris: [uri.href],
    scopes: embedder.scopes ?? ['accounts:read'],
    name: embedder.name ?? `Widgets on ${uri.origin}`,
  };
}

/**
 * Starts the OpenID Provider (oidc-provider 9) with its own login and consent pages.
 *
 * @example
 * ```js
 * const idp = await start({ port: 0, redirectUris: ['http://localhost:5173/auth/callback'] });
 * const discovery = await (await fetch(`${idp.url}/.well-known/openid-configuration`)).json();
 * await idp.close();
 * ```
 * @param {IdpOptions} [options]
 * @returns {Promise<import('../customer-api/server.mjs').ServerHandle & { issuer: string, jwksUrl: string }>}
 */
export async function start(options = {}) {
  const resolved = resolveIdpOptions(options);
  /** @type {import('node:http').RequestListener} */
  let handler = (_req, res) => sendProblem(res, { code: 'starting', title: 'Starting', status: 503 });
  const listening = await listen(NAME, withRequestLog(resolved.log, (req, res) => handler(req, res)), resolved);
  try {
    const issuer = resolved.issuer ?? listening.url;
    handler = await createHandler({ ...resolved, issuer });
    resolved.log(`listening on ${listening.url} (issuer ${issuer})`);
    return { url: listening.url, port: listening.port, issuer, jwksUrl: `${issuer}/jwks`, close: listening.close };
  } catch (error) {
    await listening.close();
    throw error;
  }
}

/** @param {ReturnType<typeof resolveIdpOptions> & { issuer: string }} config */
async function createHandler(config) {
  const store = createMemoryStore();
  const accounts = createAccountStore(config.users);
  const provider = new Provider(config.issuer, await providerConfiguration(config, store, accounts));
  provider.on('server_error', (_ctx, error) => config.log(`server_error: ${error.stack ?? error.message}`));
  // Koa would print every error to stderr; the log option decides instead.
  provider.silent = true;
  const callback = provider.callback();
  const interactions = createInteractionHandler({
    provider,
    accounts,
    loginHint: config.users === DEFAULT_USERS ? 'Demo users: alice / alice, bob / bob' : undefined,
    log: config.log,
  });

  // Test hook state: while "down", the IdP drops every connection as a dead host would.
  let down = false;
  /** @type {import('node:http').RequestListener} */
  return (req, res) => {
    (async () => {
      if (config.testHooks && req.url === '/__revoke') return revokeHook(req, res, store);
      if (config.testHooks && req.url === '/__outage' && req.method === 'POST') {
        down = /** @type {{ down?: unknown }} */ (await readJsonBody(req))?.down === true;
        return sendJson(res, 200, { down });
      }
      if (down) return void req.socket.destroy();
      if (await interactions(req, res)) return;
      callback(req, res);
    })().catch((error) => {
      config.log(`unexpected error on ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`);
      if (res.headersSent) return void res.destroy();
      sendProblem(res, { code: 'internal-error', title: 'Internal server error', status: 500 });
    });
  };
}

/**
 * @param {ReturnType<typeof resolveIdpOptions> & { issuer: string }} config
 * @param {ReturnType<typeof createMemoryStore>} store
 * @param {ReturnType<typeof createAccountStore>} accounts
 */
async function providerConfiguration(config, store, accounts) {
  // Public clients whose every token is DPoP-bound: the token endpoint refuses them without a
  // proof, so no refresh token of theirs is ever a bearer token.
  const publicClient = { application_type: 'web', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], dpop_bound_access_tokens: config.requireDpop };
  const clients = config.clients ?? [
    { ...publicClient, client_id: DEFAULT_CLIENT_ID, client_name: 'Atrium', redirect_uris: config.redirectUris, post_logout_redirect_uris: config.postLogoutRedirectUris },
    ...config.embedders.map((e) => ({ ...publicClient, client_id: e.clientId, client_name: e.name, redirect_uris: e.redirectUris, post_logout_redirect_uris: e.postLogoutRedirectUris })),
  ];
  /** Embedder client id → the only API scopes its tokens may carry. */
  const narrowed = new Map(config.embedders.map((e) => [e.clientId, new Set(e.scopes)]));
  const ttl = config.accessTokenTtl;
  return {
    adapter: store.adapterFor,
    clients,
    findAccount: accounts.findAccount,
    jwks: config.jwks ?? { keys: [await signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name'], email: ['email', 'email_verified'] },
    // Profile claims go into the ID token too: the access token is for the APIs, not userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    rotateRefreshToken: true,
    /** @param {unknown} _ctx @param {{ grantTypeAllowed(type: string): boolean }} client */
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    /** @param {any} _ctx @param {any} token */
    extraTokenClaims: async (_ctx, token) => {
      const name = token.kind === 'AccessToken' && token.accountId ? accounts.nameOf(token.accountId) : undefined;
      return name ? { name } : undefined;
    },
    /** @param {any} _ctx @param {string} origin @param {any} client */
    clientBasedCORS: (_ctx, origin, client) =>
      config.allowedOrigins.has(origin) || client.redirectUris.some((/** @type {string} */ uri) => URL.parse(uri)?.origin === origin),
    interactions: { policy: consentEveryTimeFor(narrowed), url: (/** @type {any} */ _ctx, /** @type {any} */ interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      // Proofs are checked with their jti remembered (no replay) and iat within oidc-provider's window.
      dPoP: { enabled: true, allowReplay: false },
      // A client revokes only its own tokens. Whoever holds a bound refresh token can end that
      // session (RFC 7009 asks no proof), which gains them nothing.
      revocation: { enabled: true, allowedPolicy: async (/** @type {unknown} */ _ctx, /** @type {{ clientId: string }} */ client, /** @type {{ clientId: string }} */ token) => token.clientId === client.clientId },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (/** @type {any} */ ctx, /** @type {string} */ form) => { ctx.set(PAGE_HEADERS); ctx.body = logoutPage(form); },
        postLogoutSuccessSource: async (/** @type {any} */ ctx) => { ctx.set(PAGE_HEADERS); ctx.body = loggedOutPage(); },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (/** @type {unknown} */ _ctx, /** @type {unknown} */ _client, /** @type {string[] | undefined} */ oneOf) => {
          if (oneOf) return oneOf.includes(config.defaultResource ?? '') ? config.defaultResource : oneOf[0];
          return config.defaultResource;
        },
        useGrantedResource: async () => true,
        getResourceServerInfo: async (/** @type {unknown} */ _ctx, /** @type {string} */ indicator, /** @type {{ clientId: string }} */ client) => {
          const resource = config.resources[indicator];
          if (!resource) throw new oidcErrors.InvalidTarget(`unknown resource indicator ${indicator}`);
          const known = (resource.scope ?? DEFAULT_RESOURCE_SCOPE).split(' ');
          // An embedder's client never sees, is never asked consent for, nor gets, a scope outside its list.
          const allowed = narrowed.get(client.clientId);
          return {
            scope: (allowed ? known.filter((s) => allowed.has(s)) : known).join(' '),
            audience: indicator,
            accessTokenTTL: resource.accessTokenTtl ?? ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: {
      AccessToken: (/** @type {any} */ _ctx, /** @type {any} */ token) => token.resourceServer?.accessTokenTTL ?? ttl,
      AuthorizationCode: 60,
      IdToken: 3_600,
      Interaction: 600,
      Session: config.refreshTokenTtl,
      Grant: config.refreshTokenTtl,
      /** Rotation hands out the rest of the old token's life, never a fresh one. */
      RefreshToken: (/** @type {any} */ ctx) => ctx?.oidc?.entities?.RotatedRefreshToken?.remainingTTL ?? config.refreshTokenTtl,
    },
    renderError: async (/** @type {any} */ ctx, /** @type {Record<string, unknown>} */ out) => {
      ctx.set(PAGE_HEADERS);
      ctx.body = errorPage(out);
    },
  };
}

/**
 * The default prompts, plus: an embedder's client shows the consent page on every authorization
 * request, so no script on an embedding page gets a token without the user seeing who asks.
 * @param {Map<string, unknown>} embedders
 */
function consentEveryTimeFor(embedders) {
  const policy = interactionPolicy.base();
  const { Check } = interactionPolicy;
  policy.get('consent')?.checks.add(new Check('embedder_consent', 'widgets on an embedding site ask the user every time', 'consent_required', (/** @type {any} */ ctx) =>
    embedders.has(ctx.oidc.client.clientId) && !ctx.oidc.result?.consent ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT), 0);
  return policy;
}

/** A fresh RS256 signing key, so no key material is checked in. */
async function signingKey() {
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: await calculateJwkThumbprint(/** @type {any} */ (jwk)), alg: 'RS256', use: 'sig' };
}

/**
 * Test hook: `POST /__revoke { "sub": "alice" }` revokes every grant of the user (refresh tokens,
 * authorization codes, stored access tokens) and ends their sessions, as if an admin locked the
 * account. JWT access tokens already issued stay valid until they expire (accessTokenTtl).
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {ReturnType<typeof createMemoryStore>} store
 */
async function revokeHook(req, res, store) {
  if (req.method !== 'POST') return sendProblem(res, { code: 'method-not-allowed', title: 'Method not allowed', status: 405 }, { Allow: 'POST' });
  let sub;
  try {
    const body = /** @type {{ sub?: unknown }} */ (await readJsonBody(req));
    sub = body?.sub;
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return sendProblem(res, { code: error.code, title: 'Bad request', status: error.status, detail: error.message });
  }
  if (typeof sub !== 'string' || !sub) return sendProblem(res, { code: 'invalid-body', title: 'Bad request', status: 422, detail: 'body must be { "sub": "<user>" }' });
  let revokedGrants = 0;
  for (const [grantId, grant] of store.list('Grant')) {
    if (grant.accountId !== sub) continue;
    for (const model of ['AccessToken', 'RefreshToken', 'AuthorizationCode']) await store.adapterFor(model).revokeByGrantId(grantId);
    await store.adapterFor('Grant').destroy(grantId);
    revokedGrants += 1;
  }
  let endedSessions = 0;
  for (const [sessionId, session] of store.list('Session')) {
    if (session.accountId !== sub) continue;
    await store.adapterFor('Session').destroy(sessionId);
    endedSessions += 1;
  }
  sendJson(res, 200, { sub, revokedGrants, endedSessions });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = parseCommonArgs(DEFAULT_PORT);
  const list = (/** @type {string | undefined} */ v) => (v ? v.split(',') : undefined);
  const redirectUris = list(process.env.REDIRECT_URIS);
  const postLogoutRedirectUris = list(process.env.POST_LOGOUT_REDIRECT_URIS);
  runFromCli(NAME, () => start({
    ...args,
    ...(redirectUris ? { redirectUris } : {}),
    ...(postLogoutRedirectUris ? { postLogoutRedirectUris } : {}),
    ...(process.env.CUSTOMER_API_AUDIENCE ? { resources: { [process.env.CUSTOMER_API_AUDIENCE]: {} } } : {}),
    ...(process.env.ACCESS_TOKEN_TTL ? { accessTokenTtl: Number(process.env.ACCESS_TOKEN_TTL) } : {}),
  }));
}
