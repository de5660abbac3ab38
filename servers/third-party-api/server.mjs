import { fileURLToPath } from 'node:url';
import { listen } from '../http/listen.mjs';
import { createLogger, withRequestLog } from '../http/logger.mjs';
import { handleCors } from '../http/cors.mjs';
import { guarded, sendJson, sendProblem, sendNotFound, sendMethodNotAllowed } from '../http/respond.mjs';
import { openApiText } from '../http/openapi.mjs';
import { parseCommonArgs, runFromCli } from '../http/cli.mjs';
import { createTestHooks } from '../test-hooks/test-hooks.mjs';
import { CURRENCIES, isCurrency, ratesFor, historyFor } from './rates.mjs';

export const DEFAULT_PORT = 5302;
const NAME = 'third-party-api';
const MAX_DAYS = 365;

/**
 * @typedef {object} ThirdPartyApiOptions
 * @property {number} [port]  Default 5302; 0 picks a free port.
 * @property {string} [host]  Default 127.0.0.1.
 * @property {() => number} [now] Clock in epoch ms, for deterministic tests; default Date.now.
 * @property {boolean} [testHooks] Enables /__faults and /__requests; default false.
 * @property {import('../http/logger.mjs').LogOption} [log] Silent by default.
 */

/** @param {ThirdPartyApiOptions} [options] */
export function resolveThirdPartyApiOptions(options = {}) {
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError(`${NAME}: option "now" must be a function returning epoch ms`);
  return {
    port: options.port ?? DEFAULT_PORT,
    host: options.host ?? '127.0.0.1',
    now: options.now ?? Date.now,
    testHooks: options.testHooks === true,
    log: createLogger(`servers:${NAME}`, options.log),
  };
}

/**
 * Starts the public "exchange rates" API (no auth, `Access-Control-Allow-Origin: *`).
 *
 * @example
 * ```js
 * const rates = await start({ port: 0 });
 * const { rates: r } = await (await fetch(`${rates.url}/rates?base=EUR`)).json();
 * await rates.close();
 * ```
 * @param {ThirdPartyApiOptions} [options]
 * @returns {Promise<import('../customer-api/server.mjs').ServerHandle>}
 */
export async function start(options = {}) {
  const resolved = resolveThirdPartyApiOptions(options);
  /** @type {import('node:http').RequestListener} */
  let handler = (_req, res) => sendProblem(res, { code: 'starting', title: 'Starting', status: 503 });
  const listening = await listen(NAME, withRequestLog(resolved.log, (req, res) => handler(req, res)), resolved);
  handler = createHandler({ ...resolved, openapi: openApiText(new URL('./openapi.json', import.meta.url), listening.url) });
  resolved.log(`listening on ${listening.url}`);
  return { url: listening.url, port: listening.port, close: listening.close };
}

/**
 * @param {ReturnType<typeof resolveThirdPartyApiOptions> & { openapi: string }} config
 * @returns {import('node:http').RequestListener}
 */
function createHandler(config) {
  const hooks = createTestHooks({ enabled: config.testHooks });
  /** @type {import('../http/cors.mjs').CorsPolicy} */
  const cors = { allowOrigin: '*', methods: ['GET'], allowHeaders: ['*'], exposeHeaders: ['Retry-After'] };
  const cache = { 'Cache-Control': 'public, max-age=60' };

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

    const history = /^\/rates\/([^/]+)\/history$/.exec(url.pathname);
    if (url.pathname !== '/rates' && !history) return sendNotFound(res, url.pathname);
    if (req.method !== 'GET') return sendMethodNotAllowed(res, req.method ?? '', ['GET']);

    if (!history) {
      const base = (url.searchParams.get('base') ?? 'EUR').toUpperCase();
      if (!isCurrency(base)) return unsupported(res, base);
      return sendJson(res, 200, ratesFor(base, config.now()), cache);
    }
    const pair = (history[1] ?? '').toUpperCase();
    const [base = '', quote = '', extra] = pair.split('-');
    if (extra !== undefined || !base || !quote) return badParameter(res, `pair must look like EUR-USD, got "${pair}"`);
    if (!isCurrency(base)) return unsupported(res, base);
    if (!isCurrency(quote)) return unsupported(res, quote);
    const rawDays = url.searchParams.get('days');
    const days = rawDays === null ? 30 : Number(rawDays);
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) return badParameter(res, `"days" must be an integer 1..${MAX_DAYS}, got "${rawDays}"`);
    sendJson(res, 200, historyFor(base, quote, days, config.now()), cache);
  };

  return guarded(handle, config.log);
}

/** @param {import('node:http').ServerResponse} res @param {string} code */
function unsupported(res, code) {
  sendProblem(res, { code: 'unsupported-currency', title: 'Unsupported currency', status: 400, detail: `"${code}" is not one of ${CURRENCIES.join(', ')}` });
}

/** @param {import('node:http').ServerResponse} res @param {string} detail */
function badParameter(res, detail) {
  sendProblem(res, { code: 'invalid-parameter', title: 'Invalid parameter', status: 400, detail });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = parseCommonArgs(DEFAULT_PORT);
  runFromCli(NAME, () => start(args));
}
