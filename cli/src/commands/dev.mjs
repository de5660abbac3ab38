import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inlineDeployConfig, loadDeployChecks } from '../../../scripts/lib/deploy.mjs';
import { startStaticServer } from '../../../scripts/lib/static-server.mjs';
import { CliError, UsageError } from '../errors.mjs';
import { HOST_DIST } from '../lib/paths.mjs';

export const summary = 'serve the MFE in this folder with HMR and open it inside a host: a local one (the host build in the kit) or your deployed one (--host, through an override)';
export const usage = 'atrium dev [--host <url of a deployed host>] [--route /path] [--name <container>] [--module ./app] [--host-port <n>] [--no-open]';
export const options = {
  host: { type: 'string' }, route: { type: 'string' }, name: { type: 'string' }, module: { type: 'string', default: './app' },
  'host-port': { type: 'string' }, 'no-open': { type: 'boolean' },
};

const CONFIG_FILES = ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'vite.config.mjs'];

/**
 * The container name from the MFE's vite.config (`defineMfeConfig({ name: '…' })`).
 * @param {string} configFile
 */
function containerName(configFile) {
  return /\bname\s*:\s*['"]([A-Za-z_][\w-]*)['"]/.exec(fs.readFileSync(configFile, 'utf8'))?.[1];
}

/** The project's own Vite (the one its vite.config.ts and plugins were installed with). @param {string} dir */
async function projectVite(dir) {
  try {
    const resolved = createRequire(path.join(dir, 'package.json')).resolve('vite');
    return /** @type {typeof import('vite')} */ (await import(pathToFileURL(resolved).href));
  } catch {
    throw new CliError(`vite is not installed in ${dir} — run \`npm install\` there first`, { code: 'no-vite', exitCode: 2 });
  }
}

/** Opens a URL in the desktop's browser; failing to is not an error (the URL is printed). @param {string} url */
function openBrowser(url) {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    spawn(command, args, { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // no desktop browser: the printed URL is enough
  }
}

/**
 * The host build from the kit, serving a one-entry manifest that points at the dev server.
 * @param {{ name: string, module: string, route: string, entry: string, port: number }} o
 */
async function startLocalHost(o) {
  const index = path.join(HOST_DIST, 'index.html');
  if (!fs.existsSync(index)) throw new CliError(`${HOST_DIST} is not built — run \`npm run build\` in the Atrium checkout (the installed kit ships it)`, { code: 'no-host', exitCode: 2 });
  const origin = new URL(o.entry).origin;
  const config = { title: `atrium dev: ${o.name}`, home: o.route, regions: ['nav', 'main'], routeRegion: 'main', allowedOrigins: [origin], logLevel: 'info' };
  const manifest = { version: 1, mfes: [{ name: o.name, entry: o.entry, module: o.module, version: 'dev', activeWhen: o.route, region: 'main', title: o.name }] };
  // Stamped by the host build's own checks, so the page boots as a deployed one does.
  const page = inlineDeployConfig(fs.readFileSync(index, 'utf8'), { config, manifest, checks: await loadDeployChecks(path.join(HOST_DIST, '.node/checks.mjs')) });
  return startStaticServer({ dir: HOST_DIST, port: o.port, label: 'atrium dev host', html: () => page });
}

/** @param {import('../main.mjs').Context} ctx */
export async function run({ positionals, values, progress }) {
  if (positionals.length) throw new UsageError(`atrium dev takes no positional arguments (run it in the MFE's folder)\nusage: ${usage}`);
  const dir = process.cwd();
  const configFile = CONFIG_FILES.map((file) => path.join(dir, file)).find((file) => fs.existsSync(file));
  if (!configFile) throw new UsageError(`no vite.config.ts in ${dir} — run atrium dev in the MFE's folder (atrium create makes one)`);
  const name = values['name'] ? String(values['name']) : containerName(configFile);
  if (!name) throw new UsageError(`cannot read the container name from ${path.basename(configFile)} — pass --name <the name in defineMfeConfig>`);
  const route = values['route'] ? String(values['route']) : `/${name}`;
  if (!route.startsWith('/')) throw new UsageError(`--route must start with "/" (got ${route})`);
  const hostPort = values['host-port'] === undefined ? 0 : Number(values['host-port']);
  if (!Number.isInteger(hostPort) || hostPort < 0 || hostPort > 65535) throw new UsageError('--host-port must be a port number (0: any free port)');
  let hostUrl;
  if (values['host']) {
    try {
      hostUrl = new URL(String(values['host']));
    } catch {
      throw new UsageError(`--host ${String(values['host'])} is not a URL — give the deployed host's address, e.g. https://portal.example.com`);
    }
  }

  const vite = await projectVite(dir);
  const server = await vite.createServer({ root: dir, configFile, logLevel: 'warn', clearScreen: false });
  await server.listen();
  const devUrl = (server.resolvedUrls?.local[0] ?? `http://localhost:${server.config.server.port}/`).replace(/\/$/, '');
  const entry = `${devUrl}/remoteEntry.js`;
  /** @type {Awaited<ReturnType<typeof startLocalHost>> | undefined} */
  let localHost;
  try {
    let open;
    if (hostUrl) {
      open = new URL(route, hostUrl);
      open.searchParams.set('atrium-override', `${name}=${entry}`);
    } else {
      localHost = await startLocalHost({ name, module: String(values['module']), route, entry, port: hostPort });
      open = new URL(route, localHost.url);
    }
    progress(`dev server (HMR): ${devUrl}  (remote entry ${entry})`);
    progress(`open:            ${open.href}${hostUrl ? '  (your deployed host, with an override: its config must allow overrides from http://localhost:*)' : '  (a local Atrium host with only this MFE)'}`);
    progress('stop with Ctrl-C');
    if (!values['no-open']) openBrowser(open.href);
    const signal = await new Promise((resolve) => {
      for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(sig, () => resolve(sig));
    });
    return { name, devUrl, entry, open: open.href, stoppedBy: signal };
  } finally {
    await localHost?.close();
    await server.close();
  }
}

/** @param {Awaited<ReturnType<typeof run>>} r */
export function format(r) {
  return `stopped (${r.stoppedBy}): ${r.name} was served from ${r.devUrl}`;
}
