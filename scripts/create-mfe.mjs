#!/usr/bin/env node
// `npm run create-mfe -- <name> [--template vanilla|react]`: a new MFE a team can build, test,
// check and deploy alone, already in the local deployment (atrium.dev.json) so `npm start` serves it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assertPortFree } from './lib/ports.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const TEMPLATES = ['vanilla', 'react'];
// Names the repository, the host's routes or the tooling already use.
const RESERVED = new Set(['host', 'shared', 'atrium', 'auth', 'api', 'apis', 'embed', 'assets', 'dist', 'src', 'node_modules', 'templates', 'e2e', 'scripts', 'servers', 'bench', 'manifest', 'devtools', 'index', 'test', 'fixtures']);
const USAGE = 'usage: npm run create-mfe -- <name> [--template vanilla|react]   e.g. npm run create-mfe -- savings-goals';

/**
 * Why a name cannot be used, or undefined when it can.
 * @param {string} name
 * @param {{ root?: string, catalog?: any }} [where]
 */
export function nameProblem(name, { root = ROOT, catalog = readCatalog(root) } = {}) {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return `"${name}" is not a valid MFE name: use lowercase letters, digits and "-", starting with a letter (e.g. savings-goals)`;
  if (name.endsWith('-') || name.includes('--')) return `"${name}" is not a valid MFE name: no trailing or doubled "-"`;
  if (name.length > 40) return `"${name}" is too long (at most 40 characters)`;
  if (RESERVED.has(name)) return `"${name}" is reserved (${[...RESERVED].join(', ')}) — pick another name`;
  if (fs.existsSync(path.join(root, 'mfes', name))) return `mfes/${name} already exists — pick another name (create-mfe never overwrites)`;
  if (catalog.mfes.some((/** @type {{ name: string }} */ m) => m.name === name)) return `"${name}" is already in atrium.dev.json — pick another name`;
  return undefined;
}

/** @param {string} root */
function readCatalog(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'atrium.dev.json'), 'utf8'));
}

/** "savings-goals" → "Savings goals" @param {string} name */
export function titleFor(name) {
  const words = name.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The next free port after the highest MFE port in the catalog.
 * @param {any} catalog
 */
export async function choosePort(catalog) {
  let port = Math.max(5200, ...catalog.mfes.map((/** @type {{ port: number }} */ m) => m.port)) + 1;
  for (let tries = 0; tries < 20; tries += 1, port += 1) {
    try {
      await assertPortFree(port, 'new MFE');
      return port;
    } catch {
      console.log(`  port ${port} is in use on this machine, trying ${port + 1}`);
    }
  }
  throw new Error(`no free port found after ${port - 20} — free one and run again`);
}

/**
 * Appends one MFE to atrium.dev.json, one line per entry like the others, so the diff a team
 * commits is that one line.
 * @param {string} file
 * @param {Record<string, unknown>} entry
 */
export function addToCatalog(file, entry) {
  const text = fs.readFileSync(file, 'utf8');
  const line = `{ ${Object.entries(entry).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
  const match = /("mfes"\s*:\s*\[[\s\S]*\})(\s*\n?\s*\])/.exec(text);
  let next = match ? text.replace(match[0], `${match[1]},\n    ${line}${match[2]}`) : '';
  const parsed = next ? JSON.parse(next) : undefined;
  if (!parsed || parsed.mfes.at(-1)?.name !== entry['name']) {
    // Unexpected layout: fall back to rewriting the whole document.
    const catalog = JSON.parse(text);
    catalog.mfes.push(entry);
    next = `${JSON.stringify(catalog, null, 2)}\n`;
  }
  fs.writeFileSync(file, next);
}

/**
 * Copies a template folder, filling in the placeholders.
 * @param {string} from
 * @param {string} to
 * @param {Record<string, string>} values
 */
function copyTemplate(from, to, values) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTemplate(source, target, values);
    else fs.writeFileSync(target, fs.readFileSync(source, 'utf8').replace(/__([A-Z]+)__/g, (all, key) => values[key] ?? all));
  }
}

/**
 * Records the new workspace in package-lock.json and links it into node_modules, so `npm ci`
 * stays in sync. Offline first: every dependency of a template is already installed.
 * @param {string} root
 */
function linkWorkspace(root) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  for (const extra of [['--offline'], []]) {
    const result = spawnSync(npm, ['install', '--no-audit', '--no-fund', ...extra], { cwd: root, encoding: 'utf8', env: process.env });
    if (result.status === 0) return `npm install ${extra.join(' ')}`.trim();
  }
  throw new Error('npm install failed: run it yourself to link the new workspace (see the output of `npm install`)');
}

/**
 * @param {string} name
 * @param {{ template?: string, root?: string, install?: boolean }} [options]
 */
export async function createMfe(name, { template = 'vanilla', root = ROOT, install = true } = {}) {
  if (!TEMPLATES.includes(template)) throw new UsageError(`unknown template "${template}" — use one of ${TEMPLATES.join(', ')}`);
  const catalogFile = path.join(root, 'atrium.dev.json');
  const catalog = readCatalog(root);
  const problem = nameProblem(name, { root, catalog });
  if (problem) throw new UsageError(problem);
  const port = await choosePort(catalog);
  const title = titleFor(name);
  const dir = path.join(root, 'mfes', name);
  copyTemplate(path.join(root, 'templates', template), dir, { NAME: name, TITLE: title, PORT: String(port) });
  addToCatalog(catalogFile, { name, dir: `mfes/${name}`, port, module: './app', activeWhen: `/${name}`, region: 'main', title });
  const installed = install ? linkWorkspace(root) : undefined;
  return { name, dir, port, title, template, installed };
}

class UsageError extends Error {
  name = 'UsageError';
}

async function main() {
  /** @type {ReturnType<typeof parseArgs>} */
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { template: { type: 'string', short: 't', default: 'vanilla' }, 'no-install': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    console.error(`create-mfe: ${/** @type {Error} */ (error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values['help']) {
    console.log(USAGE);
    return 0;
  }
  const [name, ...rest] = args.positionals;
  if (!name || rest.length) {
    console.error(`create-mfe: ${name ? `one name only (got ${args.positionals.join(' ')})` : 'missing the MFE name'}\n${USAGE}`);
    return 2;
  }
  try {
    const made = await createMfe(name, { template: String(args.values['template']), install: !args.values['no-install'] });
    const rel = path.relative(ROOT, made.dir);
    console.log(`
created ${rel} (${made.template} template), container "${made.name}", dev port ${made.port}
added "${made.name}" to atrium.dev.json: route /${made.name}, region main, title "${made.title}"
${made.installed ? `linked the new workspace with \`${made.installed}\` (package-lock.json now lists it, so npm ci stays in sync)` : 'skipped npm install (--no-install): run `npm install` before committing'}

next steps
${[
  [`npm run dev -w ${rel}`, `the MFE alone on http://localhost:${made.port}`],
  [`npx vitest run --project unit ${rel}`, 'its unit test'],
  [`npm run build -w ${rel}`, `→ ${rel}/dist, the folder you deploy`],
  ['npm start', `the whole portal; the host shows it at /${made.name}`],
  [`npm run check-mfe -- http://localhost:${made.port}/remoteEntry.js`, 'the contract, against the served build (with npm start running)'],
].map(([cmd, what]) => `  ${cmd}\n      ${what}`).join('\n')}
commit ${rel}, atrium.dev.json and package-lock.json together.`);
    return 0;
  } catch (error) {
    console.error(`create-mfe: ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof UsageError)) console.error('nothing was overwritten; remove any partly created folder before trying again');
    return error instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
