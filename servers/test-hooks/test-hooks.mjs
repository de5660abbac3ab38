import { readJsonBody, sendJson, sendProblem, BodyError } from '../http/respond.mjs';

/**
 * Test hooks shared by the API servers, enabled only with the `testHooks: true` option:
 *
 * - `POST /__faults` `{ path, method?, times?, status?, retryAfter?, delayMs?, malformed? }`
 *   makes the next `times` (default 1) matching requests fail: answer `status` (with
 *   `Retry-After: retryAfter` seconds, default 1 for 429/503), wait `delayMs` first, or answer
 *   200 with truncated JSON (`malformed: true`). `path` is exact, or a prefix when it ends in `*`.
 * - `GET /__faults` lists pending faults, `DELETE /__faults` clears them.
 * - `GET /__requests` returns the last requests `{ method, path, query, authorization, origin,
 *   status, at }` (oldest first); `DELETE /__requests` clears the log.
 *
 * Faults apply after CORS (so preflights still pass and the browser can read the failure) and
 * before authentication.
 */

const MAX_LOG = 200;
const MAX_DELAY_MS = 60_000;

/**
 * @typedef {object} Fault
 * @property {number} id
 * @property {string} path
 * @property {string | undefined} method
 * @property {number} remaining
 * @property {number | undefined} status
 * @property {number | undefined} retryAfter
 * @property {number} delayMs
 * @property {boolean} malformed
 */

/**
 * @typedef {object} LoggedRequest
 * @property {string} method
 * @property {string} path
 * @property {string} query
 * @property {boolean} authorization Whether an Authorization header was sent.
 * @property {string | null} origin
 * @property {number} status
 * @property {string} at ISO timestamp of arrival.
 */

/**
 * @param {{ enabled: boolean }} options
 */
export function createTestHooks({ enabled }) {
  /** @type {Fault[]} */
  let faults = [];
  /** @type {LoggedRequest[]} */
  let requests = [];
  let nextId = 1;

  /**
   * Records the request once answered. Admin requests are not recorded, so a test reads only
   * what the app did.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   */
  function record(req, res, url) {
    if (!enabled || url.pathname.startsWith('/__')) return;
    const at = new Date().toISOString();
    res.on('finish', () => {
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search,
        authorization: req.headers.authorization !== undefined,
        origin: req.headers.origin ?? null,
        status: res.statusCode,
        at,
      });
      if (requests.length > MAX_LOG) requests = requests.slice(-MAX_LOG);
    });
  }

  /**
   * Answers `/__faults` and `/__requests`. Returns true when it answered.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   * @returns {Promise<boolean>}
   */
  async function handleAdmin(req, res, url) {
    if (!enabled) return false;
    if (url.pathname === '/__requests') {
      if (req.method === 'DELETE') requests = [];
      sendJson(res, 200, { requests }, { 'Cache-Control': 'no-store' });
      return true;
    }
    if (url.pathname !== '/__faults') return false;
    if (req.method === 'DELETE') faults = [];
    if (req.method === 'POST') {
      try {
        const fault = parseFault(await readJsonBody(req), nextId);
        nextId += 1;
        faults.push(fault);
        sendJson(res, 201, fault);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        sendProblem(res, { code: error.code, title: 'Bad fault', status: error.status, detail: error.message });
      }
      return true;
    }
    sendJson(res, 200, { faults }, { 'Cache-Control': 'no-store' });
    return true;
  }

  /**
   * Applies the first pending fault matching this request. Returns true when it answered.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   * @returns {Promise<boolean>}
   */
  async function applyFault(req, res, url) {
    if (!enabled) return false;
    const fault = faults.find((f) => matches(f, req.method ?? 'GET', url.pathname));
    if (!fault) return false;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
    if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.status !== undefined) {
      /** @type {Record<string, string>} */
      const headers = fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
      sendProblem(res, {
        code: 'injected-fault',
        title: 'Injected fault',
        status: fault.status,
        detail: `test hook fault #${fault.id} on ${fault.path}`,
      }, headers);
      return true;
    }
    if (fault.malformed) {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('{"items":[{"id":"trunc');
      return true;
    }
    return false;
  }

  return { enabled, record, handleAdmin, applyFault };
}

/** @param {Fault} fault @param {string} method @param {string} path */
function matches(fault, method, path) {
  if (fault.method !== undefined && fault.method !== method) return false;
  return fault.path.endsWith('*') ? path.startsWith(fault.path.slice(0, -1)) : path === fault.path;
}

/**
 * @param {unknown} body
 * @param {number} id
 * @returns {Fault}
 */
function parseFault(body, id) {
  const bad = (/** @type {string} */ message) => new BodyError(422, 'invalid-fault', message);
  if (typeof body !== 'object' || body === null) throw bad('body must be a JSON object');
  const b = /** @type {Record<string, unknown>} */ (body);
  if (typeof b.path !== 'string' || !b.path.startsWith('/')) throw bad('"path" must be a string starting with "/"');
  if (b.method !== undefined && typeof b.method !== 'string') throw bad('"method" must be a string');
  const times = b.times ?? 1;
  if (!Number.isInteger(times) || Number(times) < 1) throw bad('"times" must be an integer >= 1');
  if (b.status !== undefined && (!Number.isInteger(b.status) || Number(b.status) < 400 || Number(b.status) > 599)) {
    throw bad('"status" must be an integer 400..599');
  }
  const delayMs = b.delayMs ?? 0;
  if (!Number.isInteger(delayMs) || Number(delayMs) < 0 || Number(delayMs) > MAX_DELAY_MS) {
    throw bad(`"delayMs" must be an integer 0..${MAX_DELAY_MS}`);
  }
  if (b.retryAfter !== undefined && (!Number.isInteger(b.retryAfter) || Number(b.retryAfter) < 0)) {
    throw bad('"retryAfter" must be an integer >= 0 (seconds)');
  }
  if (b.malformed !== undefined && typeof b.malformed !== 'boolean') throw bad('"malformed" must be a boolean');
  if (b.status === undefined && !b.malformed && delayMs === 0) {
    throw bad('give at least one of "status", "delayMs" or "malformed"');
  }
  const status = /** @type {number | undefined} */ (b.status);
  const defaultRetryAfter = status === 429 || status === 503 ? 1 : undefined;
  return {
    id,
    path: b.path,
    method: typeof b.method === 'string' ? b.method.toUpperCase() : undefined,
    remaining: Number(times),
    status,
    retryAfter: /** @type {number | undefined} */ (b.retryAfter) ?? defaultRetryAfter,
    delayMs: Number(delayMs),
    malformed: b.malformed === true,
  };
}
