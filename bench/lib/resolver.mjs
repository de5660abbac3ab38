import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const VISITOR = 'atrium_vid=bench-visitor-0000000001';

/**
 * Resolver throughput and cost: one resolver process (one core: Node serves on one thread)
 * answering navigations with the visitor's manifest inlined, against today's static deploy step
 * (the same page rendered once, served by the static server), both with autocannon on loopback
 * for a bounded time; and the server time the resolver adds per page, measured in process.
 * @param {{ root: string, stack: typeof import('../../scripts/lib/stack.mjs'), mfes: any[], seconds?: number, rounds?: number, connections?: number }} options
 */
export async function measureResolver({ root, stack, mfes, seconds = 3, rounds = 3, connections = 10 }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-resolver-'));
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  try {
    const { store, config } = await seed(root, stack, mfes, dir);
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
    const resolverUrl = await spawnServer(children, [path.join(root, 'servers/control-plane/resolver/server.mjs'), '--config', path.join(dir, 'config.json'), '--store', path.join(dir, 'state.json'), '--host-dist', path.join(root, 'host/dist')]);
    const page = await (await fetch(`${resolverUrl}/accounts`, { headers: { cookie: VISITOR, 'accept-encoding': 'identity' } })).text();
    fs.writeFileSync(path.join(dir, 'page.html'), page);
    const staticUrl = await spawnServer(children, [path.join(root, 'bench/lib/static-page.mjs'), path.join(root, 'host/dist'), path.join(dir, 'page.html')]);

    const scenarios = [
      { scenario: 'static page (deploy step at deploy time)', url: staticUrl, headers: {} },
      { scenario: 'resolver, returning visitor (cookie)', url: resolverUrl, headers: { cookie: VISITOR } },
      { scenario: 'resolver, first visit (sets the cookie)', url: resolverUrl, headers: {} },
    ];
    // Rounds interleave the scenarios, so a burst of other work on the machine hits them all.
    /** @type {Awaited<ReturnType<typeof run>>[][]} */
    const runs = scenarios.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [i, s] of scenarios.entries()) runs[i]?.push(await run({ url: `${s.url}/accounts`, headers: { 'accept-encoding': 'br', ...s.headers }, duration: seconds, connections }));
    }
    const median = (/** @type {number[]} */ values) => /** @type {number} */ ([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]);
    const rows = scenarios.map((s, i) => {
      const r = runs[i] ?? [];
      return { scenario: s.scenario, requestsPerSecond: median(r.map((x) => x.requestsPerSecond)), p50: median(r.map((x) => x.p50)), p99: median(r.map((x) => x.p99)), all: r.map((x) => Math.round(x.requestsPerSecond)) };
    });
    const perPage = await renderCost(root, store, config);
    const [baseline, returning] = rows;
    return {
      rows, pageBytes: Buffer.byteLength(page), seconds, rounds, connections, mfes: mfes.length,
      renderMicros: perPage,
      addedMicros: baseline && returning ? 1e6 / returning.requestsPerSecond - 1e6 / baseline.requestsPerSecond : Number.NaN,
    };
  } finally {
    for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The bench MFEs live, accounts with a 10 % canary (so every request hashes its bucket). */
async function seed(/** @type {string} */ root, /** @type {any} */ stack, /** @type {any[]} */ mfes, /** @type {string} */ dir) {
  const { deployLocal, changeMfe, publish, promote } = await import(pathToFileURL(path.join(root, 'servers/control-plane/releases/index.mjs')).href);
  const { openFileStore } = await import(pathToFileURL(path.join(root, 'servers/control-plane/store/index.mjs')).href);
  const store = openFileStore(path.join(dir, 'state.json'));
  const origins = mfes.map((_, i) => `http://localhost:${6201 + i}`);
  const entries = mfes.map((mfe, i) => stack.manifestEntry(mfe, /** @type {string} */ (origins[i])));
  await deployLocal(store, entries);
  const accounts = entries.find((/** @type {any} */ e) => e.name === 'accounts');
  if (accounts) {
    await changeMfe(store, 'accounts', (/** @type {any} */ r) => publish(r, { version: '9.0.0', entry: { ...accounts, version: '9.0.0' }, by: 'bench' }));
    await changeMfe(store, 'accounts', (/** @type {any} */ r) => promote(r, { version: '9.0.0', percent: 10, by: 'bench' }));
  }
  const catalog = stack.readCatalog();
  const config = { title: catalog.host.title, home: catalog.host.home, regions: catalog.host.regions, routeRegion: catalog.host.routeRegion, allowedOrigins: origins, logLevel: 'warn' };
  return { store, config };
}

/** µs per page in process: resolving the visitor's versions and answering from the page cache. */
async function renderCost(/** @type {string} */ root, /** @type {any} */ store, /** @type {any} */ config) {
  const { createResolver } = await import(pathToFileURL(path.join(root, 'servers/control-plane/resolver/index.mjs')).href);
  const template = fs.readFileSync(path.join(root, 'host/dist/index.html'), 'utf8');
  const resolver = await createResolver({ store, template, config: () => config });
  const req = { url: '/accounts', method: 'GET', headers: { cookie: VISITOR, 'accept-encoding': 'br' } };
  const res = { setHeader() {}, writeHead() {}, end() {} };
  for (let i = 0; i < 2_000; i++) resolver.handle(req, res);
  const n = 50_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) resolver.handle(req, res);
  const micros = Number(process.hrtime.bigint() - start) / 1e3 / n;
  await resolver.close();
  await store.close();
  return micros;
}

/** @param {import('node:child_process').ChildProcess[]} children @param {string[]} args */
function spawnServer(children, args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${path.basename(String(args[0]))} exited with ${code}: ${out}`)));
  });
}

/** @param {{ url: string, headers: Record<string, string>, duration: number, connections: number }} o */
async function run(o) {
  const result = await autocannon({ url: o.url, headers: o.headers, duration: o.duration, connections: o.connections });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${o.url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total };
}
