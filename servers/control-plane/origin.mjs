import http from 'node:http';
import sirv from 'sirv';
import { listen } from '../http/listen.mjs';

/**
 * The local static origin `atrium publish` copies into (ATRIUM_ORIGIN_DIR, default
 * .atrium/origin): every file immutable (a version's path never changes content), CORS for
 * remote code, and a version served as soon as it is copied in — the bucket behind a CDN.
 *
 * @example
 * ```js
 * const origin = await startOrigin({ dir: '.atrium/origin', port: 0 });
 * // publish with ATRIUM_ORIGIN_URL=${origin.url}
 * ```
 * @param {{ dir: string, port?: number }} options
 */
export async function startOrigin({ dir, port = 0 }) {
  // dev: true reads the folder per request, so a version published after start is served.
  const files = sirv(dir, { dev: true, etag: true, dotfiles: false, setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable') });
  return listen('static origin', (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Timing-Allow-Origin', '*');
    files(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`not published: ${req.url}`);
    });
  }, { port });
}
