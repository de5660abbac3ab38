import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assertPortFree } from '../../../scripts/lib/ports.mjs';
import { CliError, UsageError } from '../errors.mjs';
import { TEMPLATES_DIR } from './paths.mjs';
import { kitVersions } from './versions.mjs';

export const TEMPLATES = ['vanilla', 'react'];
// Names the repository, the host's routes or the tooling already use.
const RESERVED = new Set(['host', 'shared', 'atrium', 'auth', 'api', 'apis', 'embed', 'assets', 'dist', 'src', 'node_modules', 'templates', 'e2e', 'scripts', 'servers', 'bench', 'manifest', 'devtools', 'index', 'test', 'fixtures', 'kit', 'outside']);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Why `name` cannot name an MFE, or undefined. @param {string} name */
export function nameProblem(name) {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return `"${name}" is not a valid MFE name: use lowercase letters, digits and "-", starting with a letter (e.g. savings-goals)`;
  if (name.endsWith('-') || name.includes('--')) return `"${name}" is not a valid MFE name: no trailing or doubled "-"`;
  if (name.length > 40) return `"${name}" is too long (at most 40 characters)`;
  if (RESERVED.has(name)) return `"${name}" is reserved (${[...RESERVED].join(', ')}) — pick another name`;
  return undefined;
}

/** "savings-goals" → "Savings goals" @param {string} name */
export function titleFor(name) {
  const words = name.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The first port from `from` on where both the build (port) and the dev server (port + 1000) can listen.
 * @param {number} from
 * @param {(line: string) => void} progress
 */
export async function choosePort(from, progress) {
  for (let port = from; port < from + 40; port += 1) {
    try {
      await assertPortFree(port, 'new MFE');
      await assertPortFree(port + 1000, 'new MFE dev server');
      return port;
    } catch {
      progress(`  port ${port} or ${port + 1000} is in use on this machine, trying ${port + 1}`);
    }
  }
  throw new CliError(`no free port pair found from ${from} — free one, or pass --port`, { code: 'no-port', exitCode: 2 });
}

/**
 * Copies a template folder, filling in `__KEY__` placeholders. Files named `gitignore` become
 * `.gitignore` (npm drops dotfiles named so from packages).
 * @param {string} from
 * @param {string} to
 * @param {Record<string, string>} values
 */
export function copyTemplate(from, to, values) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name === 'gitignore' ? '.gitignore' : entry.name);
    if (entry.isDirectory()) copyTemplate(source, target, values);
    else fs.writeFileSync(target, fs.readFileSync(source, 'utf8').replace(/__([A-Z]+)__/g, (all, key) => values[key] ?? all));
  }
}

/** @param {string} template */
export function templateDir(template) {
  if (!TEMPLATES.includes(template)) throw new UsageError(`unknown template "${template}" — use one of ${TEMPLATES.join(', ')}`);
  return path.join(TEMPLATES_DIR, template);
}

/**
 * The package.json of an MFE project outside the repository: exact versions of what this Atrium
 * release is tested with, and the kit's packages from a registry or from tarballs (`kit`).
 * @param {{ name: string, title: string, template: string, kit?: Record<string, string> }} o
 */
export function outsidePackageJson({ name, title, template, kit }) {
  const v = kitVersions();
  const pin = (/** @type {string} */ pkg) => {
    const version = v[pkg];
    if (!version) throw new CliError(`the kit does not know which ${pkg} version to use (versions.json)`, { exitCode: 2 });
    return kit?.[pkg] ?? version;
  };
  const react = template === 'react';
  /** @param {string[]} names */
  const pick = (names) => Object.fromEntries(names.sort().map((pkg) => [pkg, pin(pkg)]));
  return {
    name,
    version: '0.1.0',
    private: true,
    description: `${title} — an Atrium MFE (${react ? 'React' : 'plain TypeScript'}).`,
    type: 'module',
    engines: { node: '>=22.12' },
    scripts: {
      dev: 'atrium dev',
      build: 'vite build',
      test: 'tsc -p tsconfig.json && vitest run',
      check: 'atrium check',
      preview: 'vite preview',
    },
    dependencies: pick(['@atrium/shared', 'single-spa', ...(react ? ['react', 'react-dom'] : [])]),
    devDependencies: pick(['@atrium/cli', '@module-federation/vite', 'happy-dom', 'typescript', 'vite', 'vitest', ...(react ? ['@vitejs/plugin-react', '@types/react', '@types/react-dom'] : [])]),
  };
}

/**
 * The kit's tarballs in `dir` as `file:` specs relative to the project, by package name.
 * @param {string} dir
 * @param {string} project
 */
export function kitTarballs(dir, project) {
  const found = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  /** @type {Record<string, string>} */
  const specs = {};
  for (const [pkg, prefix] of [['@atrium/shared', 'atrium-shared-'], ['@atrium/cli', 'atrium-cli-']]) {
    const file = found.filter((f) => f.startsWith(prefix) && f.endsWith('.tgz')).sort().at(-1);
    if (!file) throw new UsageError(`--kit ${dir}: no ${prefix}*.tgz there — run \`npm run kit\` in the Atrium repository, or leave --kit out to install from the registry`);
    specs[/** @type {string} */ (pkg)] = `file:${path.relative(project, path.join(dir, file)).split(path.sep).join('/')}`;
  }
  return specs;
}

/**
 * Runs `npm install` in `dir`, offline first (a kit's dependencies are usually in the npm cache).
 * @param {string} dir
 * @returns {string} the command that worked
 */
export function npmInstall(dir) {
  let output = '';
  for (const extra of [['--prefer-offline'], []]) {
    const result = spawnSync(NPM, ['install', '--no-audit', '--no-fund', ...extra], { cwd: dir, encoding: 'utf8', env: process.env });
    if (result.status === 0) return `npm install ${extra.join(' ')}`.trim();
    output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
  }
  throw new CliError(`npm install failed in ${dir}:\n${output}\nfix the cause and run \`npm install\` there yourself`, { code: 'install', exitCode: 1 });
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
