import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import sirv from 'sirv';
import { closeServer, listen } from './ports.mjs';
import { assetHeaders, REVALIDATE } from './security-headers.mjs';

/**
 * @typedef {object} StaticServerOptions
 * @property {string} dir folder to serve
 * @property {number} port 0 for any free port
 * @property {string} label for messages
 * @property {boolean | (() => readonly string[])} [cors] who may read the files cross-origin: a
 *   function returning the deployment's origins (the request's Origin is echoed when listed;
 *   `http://localhost:*` admits any loopback port), or true for anyone (`*`: test fixtures)
 * @property {((pathname: string) => string) | undefined} [html] the page to answer navigations with (host and CMS page)
 * @property {((html: string) => Record<string, string>) | undefined} [pageHeaders] headers for that page (CSP and the rest, see security-headers.mjs)
 * @property {((req: http.IncomingMessage, res: http.ServerResponse) => boolean | void) | undefined} [before] may answer first (fixtures, faults); true = handled
 */

// CDN-like caching: content-hashed files forever, entry points revalidated every time so a
// redeploy is seen at once. Everything else answers with no-cache too (only hashed names are safe
// to keep).

/**
 * A static file server that behaves like the CDN an MFE is deployed to: CORS, brotli/gzip for
 * files the build precompressed, immutable hashed assets, revalidated entry files.
 * @param {StaticServerOptions} options
 */
export async function startStaticServer(options) {
  const files = sirv(options.dir, { dev: false, etag: true, brotli: true, gzip: true, dotfiles: false, setHeaders: (res, pathname) => {
    res.setHeader('Cache-Control', REVALIDATE.test(pathname) ? 'no-cache' : 'public, max-age=31536000, immutable');
    // sirv sets Vary: Accept-Encoding; the CORS answer depends on Origin too.
    res.setHeader('Vary', 'Accept-Encoding, Origin');
  } });
  const cors = options.cors;
  const server = http.createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (cors === true) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Timing-Allow-Origin', '*');
    } else if (cors) {
      const origin = req.headers.origin;
      for (const [name, value] of Object.entries(assetHeaders({ origin: admitted(origin, cors()), allowedOrigins: origin ? [origin] : [], hashed: false }))) {
        if (name !== 'Cache-Control') res.setHeader(name, value);
      }
    }
    // `before` returns true when it took the request (a fault, a fixture that never answers).
    if (options.before?.(req, res) === true || res.headersSent || res.writableEnded) return;
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    // Navigations get the page with its deploy-time config; the built file is only a template.
    if (options.html && (!path.extname(pathname) || pathname.endsWith('/index.html'))) {
      const html = options.html(pathname);
      for (const [name, value] of Object.entries(options.pageHeaders?.(html) ?? {})) res.setHeader(name, value);
      return sendHtml(req, res, html);
    }
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`not found: ${pathname}`);
    });
  });
  const port = await listen(server, options.port, options.label);
  return { url: `http://localhost:${port}`, port, server, close: () => closeServer(server) };
}

/**
 * The request's Origin when the deployment lists it (`http://localhost:*`: any loopback port).
 * @param {string | undefined} origin
 * @param {readonly string[]} allowed
 */
function admitted(origin, allowed) {
  if (!origin) return undefined;
  const loopback = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/.test(origin);
  return allowed.includes(origin) || (loopback && allowed.includes('http://localhost:*')) ? origin : undefined;
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {string} html
 */
function sendHtml(req, res, html) {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Vary', 'Accept-Encoding, Origin');
  const accepts = String(req.headers['accept-encoding'] ?? '');
  const encoding = accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : undefined;
  if (!encoding) return res.end(html);
  res.setHeader('Content-Encoding', encoding);
  res.end(compressed(html, encoding));
}

// The page changes only when the stack's config does: compress each version once, as a CDN
// would, instead of spending the server's time on every navigation.
const compressedPages = new Map();

/** @param {string} html @param {'br' | 'gzip'} encoding */
function compressed(html, encoding) {
  const key = `${encoding}:${html}`;
  let body = compressedPages.get(key);
  if (!body) {
    body = encoding === 'br'
      ? zlib.brotliCompressSync(html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
      : zlib.gzipSync(html, { level: 9 });
    if (compressedPages.size > 32) compressedPages.clear();
    compressedPages.set(key, body);
  }
  return body;
}
