import { fileURLToPath } from 'node:url';
import { listen } from '../http/listen.mjs';
import { createLogger, withRequestLog } from '../http/logger.mjs';
import { handleCors, originPredicate } from '../http/cors.mjs';
import { guarded, sendProblem, sendNotFound, sendMethodNotAllowed } from '../http/respond.mjs';
import { openApiText } from '../http/openapi.mjs';
import { parseCommonArgs, runFromCli } from '../http/cli.mjs';
import { createTestHooks } from '../test-hooks/test-hooks.mjs';
import { createTokenVerifier } from './auth.mjs';
import { DPOP_ALGS } from './dpop.mjs';
import { createStore } from './store.mjs';
import { DEFAULT_SEED_DATE } from './seed.mjs';
import { routes } from './routes.mjs';

export const DEFAULT_PORT = 5301;
const NAME = 'customer-api';
const REALM = 'atrium-customer-api';

/**
 * @typedef {object} CustomerApiOptions
 * @property {string} jwksUrl   The IdP's JWKS, e.g. `http://localhost:5400/jwks`.
 * @property {string} issuer    Expected `iss`, e.g. `http://localhost:5400`.
 * @property {string} [audience] Expected `aud`; default this server's own URL (`http://localhost:PORT`).
 * @property {number} [port]    Default 5301; 0 picks a free port.
 * @property {string} [host]    Default 127.0.0.1.
 * @property {string[]} [allowedOrigins] CORS origins; default any http(s)://localhost origin.
 * @property {number} [clockTolerance] Seconds of leeway for exp/nbf; default 5.
 * @property {string} [seedDate] Last day of the seeded history, YYYY-MM-DD; default 2025-06-30.
 * @property {boolean} [testHooks] Enables /__faults and /__requests; default false.
 * @property {import('../http/logger.mjs').LogOption} [log] Silent by default.
 */

/**
 * @typedef {object} ServerHandle
 * @property {string} url   e.g. `http://localhost:5301`
 * @property {number} port
 * @property {() => Promise<void>} close Resolves when the server and all its connections are closed.
 */

/** @param {CustomerApiOptions} options */
export function resolveCustomerApiOptions(options) {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${NAME}: options are required (jwksUrl, issuer)`);
  for (const key of /** @type {const} */ (['jwksUrl', 'issuer'])) {
    if (typeof options[key] !== 'string' || !URL.canParse(options[key])) {
      throw new TypeError(`${NAME}: option "${key}" must be an absolute URL, got ${JSON.stringify(options[key])}`);
    }
  }
  const clockTolerance = options.clockTolerance ?? 5;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0) throw new RangeError(`${NAME}: option "clockTolerance" must be >= 0 seconds`);
  return {
    jwksUrl: options.jwksUrl,
    issuer: options.issuer,
    audience: options.audience,
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? '127.0.0.1',
    isAllowedOrigin: originPredicate(options.allowedOrigins, NAME),
    clockTolerance,
    seedDate: options.seedDate ?? DEFAULT_SEED_DATE,
    testHooks: options.testHooks === true,
    log: createLogger(`servers:${NAME}`, options.log),
  };
}

/**
 * Starts the customer API (accounts, transactions, transfers) behind JWT access tokens (Bearer, or DPoP-bound with a proof).
 *
 * @example
 * ```js
 * const api = await start({ port: 0, issuer: idp.url, jwksUrl: `${idp.url}/jwks`, audience: 'http://localhost:5301' });
 * await fetch(`${api.url}/accounts`, { headers: { Authorization: `Bearer ${token}` } });
 * await api.close();
 * ```
 * @param {CustomerApiOptions} options
 * @returns {Promise<ServerHandle>}
 */
export async function start(options) {
  const resolved = resolveCustomerApiOptions(options);
  /** @type {import('node:http').RequestListener} */
  let handler = (_req, res) => sendProblem(res, { code: 'starting', title: 'Starting', status: 503 });
  const listening = await listen(NAME, withRequestLog(resolved.log, (req, res) => handler(req, res)), resolved);
  const audience = resolved.audience ?? listening.url;
  handler = createHandler({
    ...resolved,
    verify: createTokenVerifier({ ...resolved, audience }),
    publicUrl: listening.url,
    openapi: openApiText(new URL('./openapi.json', import.meta.url), listening.url),
  });
  resolved.log(`listening on ${listening.url} (aud ${audience}, iss ${resolved.issuer})`);
  return { url: listening.url, port: listening.port, close: listening.close };
}

/**
 * @param {ReturnType<typeof resolveCustomerApiOptions> & {
 *   verify: ReturnType<typeof createTokenVerifier>, openapi: string, publicUrl: string }} config
 * @returns {import('node:http').RequestListener}
 */
function createHandler(config) {
  const hooks = createTestHooks({ enabled: config.testHooks });
  const store = createStore(config.seedDate);
  const cors = {
    allowOrigin: config.isAllowedOrigin,
    methods: ['GET', 'POST'],
    allowHeaders: ['Authorization', 'Content-Type', 'DPoP'],
    exposeHeaders: ['WWW-Authenticate', 'Retry-After'],
  };

  /** @type {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>} */
  const handle = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    hooks.record(req, res, url);
    if (handleCors(req, res, cors)) return;
    if (await hooks.handleAdmin(req, res, url)) return;
    if (url.pathname === '/openapi.json' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(config.openapi);
      return;
    }
    if (await hooks.applyFault(req, res, url)) return;

    const candidates = routes.filter((r) => r.pattern.test(url.pathname));
    if (candidates.length === 0) return sendNotFound(res, url.pathname);
    const route = candidates.find((r) => r.method === req.method);
    if (!route) return sendMethodNotAllowed(res, req.method ?? '', candidates.map((r) => r.method));

    const auth = await config.verify({
      authorization: req.headers.authorization,
      dpop: req.headers.dpop,
      method: req.method ?? 'GET',
      // What a DPoP proof must name: this server's public URL, never the query (RFC 9449 §4.3).
      htu: new URL(url.pathname, config.publicUrl).href,
    });
    if (!auth.ok) return sendAuthProblem(res, auth);
    if (route.scope && !auth.claims.scopes.includes(route.scope)) {
      return sendProblem(
        res,
        { code: 'insufficient-scope', title: 'Insufficient scope', status: 403, detail: `this request needs the "${route.scope}" scope` },
        { 'WWW-Authenticate': `${auth.scheme} realm="${REALM}", error="insufficient_scope", scope="${route.scope}"` },
      );
    }
    const params = route.pattern.exec(url.pathname)?.slice(1) ?? [];
    await route.handle({ req, res, url, params, claims: auth.claims, store });
  };

  return guarded(handle, config.log);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {Extract<import('./auth.mjs').AuthResult, { ok: false }>} auth
 */
function sendAuthProblem(res, auth) {
  const description = auth.description.replaceAll('"', "'");
  if (auth.status === 503) {
    return sendProblem(res, { code: auth.code, title: 'Cannot verify tokens right now', status: 503, detail: auth.description }, { 'Retry-After': '5' });
  }
  // RFC 6750 §3.1: no error code when the request carried no credentials at all.
  const proofProblem = auth.scheme === 'DPoP' && /dpop-(proof|key)|missing-dpop/.test(auth.code);
  const error = auth.code === 'missing-token' ? '' : `, error="${proofProblem ? 'invalid_dpop_proof' : 'invalid_token'}"`;
  // Both schemes are offered (RFC 9449 §7.1); the failing one carries the error.
  const dpop = `DPoP realm="${REALM}", algs="${DPOP_ALGS.join(' ')}"`;
  const challenge = auth.scheme === 'DPoP'
    ? `DPoP realm="${REALM}"${error}, error_description="${description}", algs="${DPOP_ALGS.join(' ')}"`
    : `Bearer realm="${REALM}"${error}, error_description="${description}", ${dpop}`;
  sendProblem(res, { code: auth.code, title: 'Invalid access token', status: 401, detail: auth.description }, { 'WWW-Authenticate': challenge });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = parseCommonArgs(DEFAULT_PORT);
  const idpUrl = process.env.IDP_URL ?? 'http://localhost:5400';
  runFromCli(NAME, () => start({
    ...args,
    issuer: process.env.IDP_ISSUER ?? idpUrl,
    jwksUrl: process.env.IDP_JWKS_URL ?? `${idpUrl}/jwks`,
    ...(process.env.API_AUDIENCE ? { audience: process.env.API_AUDIENCE } : {}),
    ...(process.env.ALLOWED_ORIGINS ? { allowedOrigins: process.env.ALLOWED_ORIGINS.split(',') } : {}),
  }));
}
