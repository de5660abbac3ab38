/**
 * @typedef {boolean | ((line: string) => void) | undefined} LogOption
 *   `true` writes to stderr with a `[scope]` prefix; a function receives each line; anything else
 *   is silent (the default).
 */

/**
 * @param {string} scope e.g. `servers:customer-api`
 * @param {LogOption} option
 * @returns {(message: string) => void}
 */
export function createLogger(scope, option) {
  if (typeof option === 'function') return (message) => option(`[${scope}] ${message}`);
  if (option === true) return (message) => process.stderr.write(`[${scope}] ${message}\n`);
  return () => {};
}

/**
 * Wraps a request handler so each finished response is logged as `METHOD /path -> 200 (3 ms)`.
 *
 * @param {(message: string) => void} log
 * @param {import('node:http').RequestListener} handler
 * @returns {import('node:http').RequestListener}
 */
export function withRequestLog(log, handler) {
  return (req, res) => {
    const started = performance.now();
    res.on('finish', () => {
      const ms = Math.round(performance.now() - started);
      log(`${req.method} ${req.url} -> ${res.statusCode} (${ms} ms)`);
    });
    return handler(req, res);
  };
}
