#!/usr/bin/env node
// `npm start`: builds everything, then serves the host and each MFE from its own port (its own
// origin, as in production) and prints the URLs. Ports: ATRIUM_HOST_PORT overrides the host's;
// the MFEs' are in atrium.dev.json; ATRIUM_ORIGIN_PORT the static origin's (5600). The pages come
// from the release state (ATRIUM_STORE, default .atrium/state.json). Ctrl-C stops every server
// this script started.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startStack } from './lib/stack.mjs';

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const hostPort = process.env.ATRIUM_HOST_PORT ? Number(process.env.ATRIUM_HOST_PORT) : undefined;
let stack;
try {
  stack = await startStack(hostPort === undefined ? {} : { hostPort });
} catch (error) {
  console.error(`npm start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

console.log(`\nAtrium is running\n  host            ${stack.hostUrl}`);
for (const [name, url] of Object.entries(stack.urls)) console.log(`  ${name.padEnd(15)} ${url}/remoteEntry.js`);
if (stack.originUrl) console.log(`  static origin   ${stack.originUrl}  (atrium publish: ATRIUM_ORIGIN_URL=${stack.originUrl}, files in .atrium/origin)\n  release state   ${stack.store.description}  (atrium status)`);
if (stack.cmsUrl) console.log(`  CMS page        ${stack.cmsUrl}  (widgets embedded with ${stack.hostUrl}/embed.js)`);
if (stack.servers) {
  console.log(`  customer API    ${stack.servers.customerApi.url}  (JWT bearer)`);
  console.log(`  third-party API ${stack.servers.thirdPartyApi.url}  (no auth)`);
  console.log(`  identity (IdP)  ${stack.servers.idp.url}  (users alice/alice, bob/bob)`);
}
console.log('\nPress Ctrl-C to stop.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
