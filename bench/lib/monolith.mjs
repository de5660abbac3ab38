import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from '../../scripts/lib/compress.mjs';
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

/** Serves the built monolith on a free port; every navigation (/accounts) gets its index.html. */
export async function startMonolith() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  return startStaticServer({ dir: DIST, port: 0, label: 'monolith', html: () => html });
}
