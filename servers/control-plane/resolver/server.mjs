#!/usr/bin/env node
// One resolver instance as its own process: `node servers/control-plane/resolver/server.mjs
// --config host-config.json [--port 0] [--store etcd://…] [--host-dist host/dist] [--instance r1]`.
// Serves the host's files and its page with each visitor's manifest inlined. Run as many as you
// like behind a proxy; each watches the store. Prints "resolver <instance> listening on <url>".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startStaticServer } from '../../../scripts/lib/static-server.mjs';
import { openStore } from '../store/index.mjs';
import { healthOptionsFromEnv } from './health.mjs';
import { createResolver } from './resolver.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['PORT'] ?? '0' },
    store: { type: 'string' },
    config: { type: 'string' },
    'host-dist': { type: 'string', default: path.join(ROOT, 'host/dist') },
    instance: { type: 'string' },
  },
});

async function main() {
  if (!values.config) throw new Error('--config <file> is required: the host\'s deploy-time config (README, "Host config")');
  const config = JSON.parse(fs.readFileSync(values.config, 'utf8'));
  const hostDist = /** @type {string} */ (values['host-dist']);
  const template = fs.readFileSync(path.join(hostDist, 'index.html'), 'utf8');
  const store = openStore(values.store ?? process.env['ATRIUM_STORE'], { root: ROOT });
  const resolver = await createResolver({
    store, template, config: () => config,
    ...(values.instance ? { instance: values.instance } : {}),
    health: healthOptionsFromEnv(process.env),
  });
  const server = await startStaticServer({
    dir: hostDist, port: Number(values.port), label: `resolver ${resolver.instance}`, cors: true,
    before: (req, res) => resolver.handle(req, res),
  });
  console.log(`resolver ${resolver.instance} listening on ${server.url} (store: ${store.description}, revision ${resolver.revision})`);
  const stop = async () => {
    await resolver.close();
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(`resolver: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
});
