import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reservePort } from '../http/listen.mjs';

/**
 * @typedef {object} EtcdMember
 * @property {string} name
 * @property {string} clientUrl
 * @property {number | undefined} pid undefined while stopped
 * @property {() => Promise<void>} kill SIGKILL, as a crash would
 * @property {() => Promise<void>} restart start it again on its data dir
 */

/** The etcd binary to run: ETCD_BIN, else `etcd` on PATH; a clear error when there is none. */
export function etcdBinary() {
  const bin = process.env['ETCD_BIN'] ?? 'etcd';
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`etcd is not installed (tried "${bin}"): install Debian's etcd-server (\`apt-get install -y etcd-server\`) or set ETCD_BIN to an etcd 3.4+ binary`);
  }
  return bin;
}

/**
 * Starts an etcd cluster on loopback (free ports, a temp data folder) and waits until every
 * member reports healthy. Each member is its own process, stopped by PID. For tests, the bench
 * and `node servers/control-plane/cluster.mjs` (a local cluster by hand).
 *
 * @example
 * ```js
 * const cluster = await startEtcdCluster({ size: 3 });
 * const store = openStore(cluster.spec); // etcd://127.0.0.1:…,…
 * await cluster.close();
 * ```
 * @param {{ size?: number, dir?: string, log?: (line: string) => void }} [options]
 */
export async function startEtcdCluster({ size = 3, dir, log = () => {} } = {}) {
  const bin = etcdBinary();
  const root = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-etcd-'));
  const ports = [];
  for (let i = 0; i < size * 2; i++) ports.push(await reservePort());
  const specs = Array.from({ length: size }, (_, i) => ({
    name: `m${i}`, client: `http://127.0.0.1:${ports[i * 2]}`, peer: `http://127.0.0.1:${ports[i * 2 + 1]}`, dataDir: path.join(root, `m${i}`),
  }));
  const initialCluster = specs.map((s) => `${s.name}=${s.peer}`).join(',');
  /** @type {Map<string, import('node:child_process').ChildProcess>} */
  const running = new Map();

  /** @param {typeof specs[number]} s */
  const launch = (s) => {
    const child = spawn(bin, [
      '--name', s.name, '--data-dir', s.dataDir,
      '--listen-client-urls', s.client, '--advertise-client-urls', s.client,
      '--listen-peer-urls', s.peer, '--initial-advertise-peer-urls', s.peer,
      '--initial-cluster', initialCluster, '--initial-cluster-state', 'new', '--initial-cluster-token', path.basename(root),
      // Loopback: elect a new leader fast when a member dies (the defaults suit real networks).
      '--heartbeat-interval', '50', '--election-timeout', '500',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    const logFile = fs.createWriteStream(path.join(root, `${s.name}.log`), { flags: 'a' });
    child.stderr?.pipe(logFile);
    child.once('exit', () => running.delete(s.name));
    running.set(s.name, child);
    log(`etcd ${s.name} pid ${child.pid} on ${s.client}`);
    return child;
  };
  /** @param {string} name */
  const stop = async (name, signal = /** @type {NodeJS.Signals} */ ('SIGTERM')) => {
    const child = running.get(name);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    if (child.pid) process.kill(child.pid, signal);
    await exited;
  };

  for (const s of specs) launch(s);
  try {
    await Promise.all(specs.map((s) => waitHealthy(s.client, root, s.name)));
  } catch (error) {
    await Promise.all(specs.map((s) => stop(s.name, 'SIGKILL')));
    throw error;
  }

  /** @type {EtcdMember[]} */
  const members = specs.map((s) => ({
    name: s.name,
    clientUrl: s.client,
    get pid() { return running.get(s.name)?.pid; },
    kill: () => stop(s.name, 'SIGKILL'),
    async restart() {
      if (!running.has(s.name)) launch(s);
      await waitHealthy(s.client, root, s.name);
    },
  }));
  return {
    members,
    endpoints: specs.map((s) => s.client),
    /** The ATRIUM_STORE value for this cluster. */
    spec: `etcd://${specs.map((s) => s.client.replace('http://', '')).join(',')}`,
    dir: root,
    async close() {
      await Promise.all(specs.map((s) => stop(s.name)));
      if (!dir) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** @param {string} clientUrl @param {string} root @param {string} name */
async function waitHealthy(clientUrl, root, name) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${clientUrl}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok && (await response.json()).health === 'true') return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`etcd member ${name} at ${clientUrl} was not healthy within 20 s — see ${path.join(root, `${name}.log`)}`);
}
