/**
 * Small response helpers shared by the API servers. Problems follow RFC 9457
 * (application/problem+json) with a stable `type` URN clients can switch on.
 */

export const PROBLEM_TYPE_PREFIX = 'urn:atrium:problem:';

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * @typedef {object} Problem
 * @property {string} code   Short machine name, becomes `type: urn:atrium:problem:<code>`.
 * @property {string} title  Same for every occurrence of this code.
 * @property {number} status
 * @property {string} [detail] What happened this time, for a person.
 * @property {Array<{ pointer: string, detail: string }>} [errors] Field errors (422).
 */

/**
 * @param {import('node:http').ServerResponse} res
 * @param {Problem} problem
 * @param {Record<string, string>} [headers]
 */
export function sendProblem(res, problem, headers = {}) {
  const { code, ...rest } = problem;
  const text = JSON.stringify({ type: `${PROBLEM_TYPE_PREFIX}${code}`, ...rest });
  res.writeHead(problem.status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Raised by readJsonBody; the caller turns it into a problem response. */
export class BodyError extends Error {
  name = 'BodyError';

  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Reads and parses a JSON request body, refusing anything that is not JSON or is too large.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {number} [limitBytes]
 * @returns {Promise<unknown>}
 */
export async function readJsonBody(req, limitBytes = 64 * 1024) {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new BodyError(415, 'unsupported-media-type', `expected Content-Type application/json, got "${type || 'none'}"`);
  }
  const text = await readText(req, limitBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'malformed-json', 'request body is not valid JSON');
  }
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limitBytes
 * @returns {Promise<string>}
 */
export async function readText(req, limitBytes = 64 * 1024) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limitBytes) throw new BodyError(413, 'body-too-large', `request body exceeds ${limitBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} path
 */
export function sendNotFound(res, path) {
  sendProblem(res, { code: 'not-found', title: 'Not found', status: 404, detail: `no resource at ${path}` });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} method
 * @param {string[]} allowed
 */
export function sendMethodNotAllowed(res, method, allowed) {
  sendProblem(
    res,
    { code: 'method-not-allowed', title: 'Method not allowed', status: 405, detail: `${method} is not allowed here` },
    { Allow: allowed.join(', ') },
  );
}

/**
 * A request listener around an async handler: an error it did not answer becomes a logged 500
 * problem (or a dropped connection when the response had already started), never a crash.
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>} handle
 * @param {(line: string) => void} log
 * @returns {import('node:http').RequestListener}
 */
export function guarded(handle, log) {
  return (req, res) => {
    handle(req, res).catch((error) => {
      log(`unexpected error on ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`);
      if (res.headersSent) return void res.destroy();
      sendProblem(res, { code: 'internal-error', title: 'Internal server error', status: 500 });
    });
  };
}
