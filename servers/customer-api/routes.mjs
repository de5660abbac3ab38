import { readJsonBody, sendJson, sendProblem, BodyError } from '../http/respond.mjs';

/**
 * The customer API's endpoints. Each route names the scope it needs; the server checks the token
 * and the scope before calling `handle`.
 */

/** @typedef {import('./auth.mjs').TokenClaims} TokenClaims */
/** @typedef {ReturnType<typeof import('./store.mjs').createStore>} Store */
/**
 * @typedef {object} Route
 * @property {string} method
 * @property {RegExp} pattern
 * @property {string | undefined} scope
 * @property {(ctx: { req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse,
 *   url: URL, params: string[], claims: TokenClaims, store: Store }) => Promise<void> | void} handle
 */

const NO_STORE = { 'Cache-Control': 'no-store' };
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** @type {Route[]} */
export const routes = [
  {
    method: 'GET',
    pattern: /^\/me$/,
    scope: undefined,
    handle: ({ res, claims }) => {
      sendJson(res, 200, { sub: claims.sub, ...(claims.name === undefined ? {} : { name: claims.name }), scopes: claims.scopes }, NO_STORE);
    },
  },
  {
    method: 'GET',
    pattern: /^\/accounts$/,
    scope: 'accounts:read',
    handle: ({ res, claims, store }) => sendJson(res, 200, { items: store.accounts(claims.sub) }, NO_STORE),
  },
  {
    method: 'GET',
    pattern: /^\/accounts\/([^/]+)$/,
    scope: 'accounts:read',
    handle: ({ res, params, claims, store }) => {
      const account = store.account(claims.sub, safeDecode(params[0]));
      if (!account) return accountNotFound(res, params[0]);
      sendJson(res, 200, account, NO_STORE);
    },
  },
  {
    method: 'GET',
    pattern: /^\/accounts\/([^/]+)\/transactions$/,
    scope: 'accounts:read',
    handle: listTransactions,
  },
  {
    method: 'POST',
    pattern: /^\/transfers$/,
    scope: 'transfers:write',
    handle: createTransfer,
  },
];

/** @type {Route['handle']} */
function listTransactions({ res, url, params, claims, store }) {
  const id = safeDecode(params[0]);
  if (!store.account(claims.sub, id)) return accountNotFound(res, id);
  const rawLimit = url.searchParams.get('limit');
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return badParameter(res, `"limit" must be an integer 1..${MAX_LIMIT}, got "${rawLimit}"`);
  }
  const all = store.transactions(claims.sub, id);
  const cursor = url.searchParams.get('cursor');
  let start = 0;
  if (cursor !== null) {
    const afterId = Buffer.from(cursor, 'base64url').toString('utf8');
    const index = all.findIndex((t) => t.id === afterId);
    if (index === -1) return badParameter(res, '"cursor" is unknown or expired; start again without it');
    start = index + 1;
  }
  const items = all.slice(start, start + limit);
  const last = items.at(-1);
  const nextCursor = last && start + limit < all.length ? Buffer.from(last.id, 'utf8').toString('base64url') : null;
  sendJson(res, 200, { items, nextCursor }, NO_STORE);
}

/** @type {Route['handle']} */
async function createTransfer({ req, res, claims, store }) {
  let body;
  try {
    body = await readJsonBody(req);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return sendProblem(res, { code: error.code, title: 'Unreadable request body', status: error.status, detail: error.message });
  }
  const result = store.transfer(claims.sub, body);
  if (!result.ok) {
    return sendProblem(res, {
      code: 'validation-failed',
      title: 'The transfer is not valid',
      status: 422,
      detail: result.errors.map((e) => `${e.pointer || 'body'}: ${e.detail}`).join('; '),
      errors: result.errors,
    });
  }
  sendJson(res, 201, result.transfer, NO_STORE);
}

/** @param {import('node:http').ServerResponse} res @param {string | undefined} id */
function accountNotFound(res, id) {
  sendProblem(res, { code: 'account-not-found', title: 'Account not found', status: 404, detail: `you have no account ${id}` });
}

/** @param {import('node:http').ServerResponse} res @param {string} detail */
function badParameter(res, detail) {
  sendProblem(res, { code: 'invalid-parameter', title: 'Invalid query parameter', status: 400, detail });
}

/** A malformed %-escape cannot name an account; treat it as an unknown id rather than a crash. */
function safeDecode(/** @type {string | undefined} */ value) {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
}
