import { sendProblem } from './respond.mjs';

/**
 * @typedef {object} CorsPolicy
 * @property {'*' | ((origin: string) => boolean)} allowOrigin `*` for public data, else a predicate.
 * @property {string[]} methods
 * @property {string[]} allowHeaders
 * @property {string[]} exposeHeaders
 * @property {number} [maxAgeSeconds]
 */

/**
 * Default for APIs used from dev machines: any http(s) origin on localhost or 127.0.0.1.
 * @param {string} origin
 */
export function isLocalhostOrigin(origin) {
  const url = URL.parse(origin);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/**
 * Builds the origin predicate from the `allowedOrigins` option.
 * @param {string[] | undefined} allowedOrigins exact origins; undefined = any localhost origin
 * @param {string} optionOwner for the error message
 * @returns {(origin: string) => boolean}
 */
export function originPredicate(allowedOrigins, optionOwner) {
  if (allowedOrigins === undefined) return isLocalhostOrigin;
  if (!Array.isArray(allowedOrigins) || allowedOrigins.some((o) => typeof o !== 'string')) {
    throw new TypeError(`${optionOwner}: option "allowedOrigins" must be an array of origin strings`);
  }
  const allowed = new Set(allowedOrigins.map((o) => URL.parse(o)?.origin ?? o));
  return (origin) => allowed.has(origin);
}

/**
 * Sets CORS headers and answers preflights. Returns true when the request was fully answered
 * (a preflight), false when the caller should go on.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {CorsPolicy} policy
 * @returns {boolean}
 */
export function handleCors(req, res, policy) {
  const origin = req.headers.origin;
  const wildcard = policy.allowOrigin === '*';
  // Responses differ per Origin unless the policy is "*"; caches must know.
  if (!wildcard) res.setHeader('Vary', 'Origin');
  // "*" is set even without an Origin header so shared caches can reuse one response for all.
  const allowed = wildcard || (origin !== undefined && typeof policy.allowOrigin === 'function' && policy.allowOrigin(origin));
  if (allowed) {
    res.setHeader('Access-Control-Allow-Origin', wildcard ? '*' : origin);
    if (policy.exposeHeaders.length) res.setHeader('Access-Control-Expose-Headers', policy.exposeHeaders.join(', '));
  }

  const isPreflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (!isPreflight) {
    if (req.method !== 'OPTIONS') return false;
    res.writeHead(204, { Allow: [...policy.methods, 'OPTIONS'].join(', ') });
    res.end();
    return true;
  }
  if (!allowed) {
    sendProblem(res, {
      code: 'cors-origin-denied',
      title: 'Origin not allowed',
      status: 403,
      detail: `origin ${origin ?? '(none)'} is not in this server's allowed origins`,
    });
    return true;
  }
  res.writeHead(204, {
    'Access-Control-Allow-Methods': policy.methods.join(', '),
    'Access-Control-Allow-Headers': policy.allowHeaders.join(', '),
    'Access-Control-Max-Age': String(policy.maxAgeSeconds ?? 600),
    'Vary': wildcard ? 'Access-Control-Request-Headers' : 'Origin, Access-Control-Request-Headers',
  });
  res.end();
  return true;
}
