import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from '../../scripts/lib/compress.mjs';
import { hostPageHeaders } from '../../scripts/lib/security-headers.mjs';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MONOLITH = path.join(ROOT, 'bench/monolith');
const DIST = path.join(MONOLITH, 'dist');

/** Builds bench/monolith with plain Vite and precompresses it like the real deploy. */
export function buildMonolith() {
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: MONOLITH, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`the monolith build failed (exit ${result.status}) — see the output above`);
  precompress(DIST);
}

/**
 * Serves the built monolith on a free port; every navigation (/accounts) gets its index.html,
 * with the security headers the host page is served with (CSP, COOP and the rest, from the same
 * security-headers.mjs): a production deployment of the monolith would send them too, and
 * `Cross-Origin-Opener-Policy` alone costs a fresh page a browsing-context-group switch (a new
 * renderer process) in Chromium, 25–65 ms here — an anchor without it measured the headers, not
 * the architecture. `{ bare: true }` serves it without them.
 * @param {{ bare?: boolean }} [options]
 */
export async function startMonolith({ bare = false } = {}) {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  return startStaticServer({
    dir: DIST, port: 0, label: 'monolith', html: () => html,
    ...(bare ? {} : { pageHeaders: (/** @type {string} */ page) => hostPageHeaders({ html: page, config: { allowedOrigins: [] } }) }),
  });
}
