#!/usr/bin/env node
// Builds the host and every MFE (each with its own vite.config.ts, exactly as its team would),
// then precompresses the output like a CDN deploy. Usage: node scripts/build.mjs [name…]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { precompress } from './lib/compress.mjs';
import { ROOT } from './lib/stack.mjs';

const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
const only = new Set(process.argv.slice(2));
// embed.js (widgets for CMS pages) goes into host/dist after the host, which empties it first.
// The deploy step's checks (host/dist/.node/checks.mjs, for Node) go in last, with the shell's stamp.
const targets = [
  { name: 'host', cwd: ROOT, dist: 'host/dist' },
  { name: 'embed', cwd: ROOT, dist: 'host/dist', args: ['--config', 'host/vite.embed.config.ts'] },
  { name: 'checks', cwd: ROOT, dist: 'host/dist', args: ['--config', 'host/vite.node.config.ts'] },
];
for (const group of ['mfes', 'e2e/fixtures']) {
  const base = path.join(ROOT, group);
  if (!fs.existsSync(base)) continue;
  for (const dir of fs.readdirSync(base).sort()) {
    if (fs.existsSync(path.join(base, dir, 'vite.config.ts'))) targets.push({ name: dir, cwd: path.join(base, dir), dist: path.join(group, dir, 'dist') });
  }
}

for (const target of targets) {
  if (only.size && !only.has(target.name) && !((target.name === 'embed' || target.name === 'checks') && only.has('host'))) continue;
  const started = Date.now();
  const result = spawnSync(process.execPath, [vite, 'build', ...(target.args ?? []), '--logLevel', 'warn'], { cwd: target.cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) {
    console.error(`build of ${target.name} failed (exit ${result.status}) — see the output above`);
    process.exit(1);
  }
  precompress(path.join(ROOT, target.dist));
  console.log(`built ${target.name.padEnd(28)} ${String(Date.now() - started).padStart(5)} ms  → ${target.dist}`);
}
