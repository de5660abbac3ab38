import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.mjs';
import { findWorkspace, TEMPLATES_DIR } from '../lib/paths.mjs';
import { addToCatalog, choosePort, copyTemplate, kitTarballs, nameProblem, npmInstall, outsidePackageJson, templateDir, titleFor } from '../lib/scaffold.mjs';

export const summary = 'make a new MFE (vanilla TypeScript or React): in an Atrium workspace under mfes/, anywhere else as its own project';
export const usage = 'atrium create <name> [--template vanilla|react] [--dir <folder>] [--kit <folder with the kit tarballs>] [--port <n>] [--no-install]';
export const options = {
  template: { type: 'string', short: 't', default: 'vanilla' },
  dir: { type: 'string' },
  kit: { type: 'string' },
  port: { type: 'string' },
  'no-install': { type: 'boolean' },
};

/** The dev server's port for an MFE whose build is served on `port` (the Vite preset's rule). @param {number} port */
const devPortOf = (port) => port + 1000;

/** @param {import('../main.mjs').Context} ctx */
export async function run({ positionals, values, progress }) {
  const [name, ...extra] = positionals;
  if (!name || extra.length) throw new UsageError(`${name ? `one name only (got ${positionals.join(' ')})` : 'missing the MFE name'}\nusage: ${usage}`);
  const problem = nameProblem(name);
  if (problem) throw new UsageError(problem);
  const template = String(values['template']);
  const from = templateDir(template);
  const cwd = process.cwd();
  const target = path.resolve(cwd, values['dir'] ? String(values['dir']) : name);
  const workspace = values['dir'] ? undefined : findWorkspace(cwd);
  const portOption = values['port'] === undefined ? undefined : Number(values['port']);
  if (portOption !== undefined && (!Number.isInteger(portOption) || portOption < 1024 || portOption > 64535)) throw new UsageError('--port must be a whole number from 1024 to 64535 (the dev server uses port + 1000)');
  if (workspace && values['kit']) throw new UsageError('--kit is for projects outside an Atrium workspace (here the workspace packages are used): add --dir <folder> to create one elsewhere');
  return workspace
    ? createInWorkspace({ name, template, from, workspace, portOption, install: !values['no-install'], progress })
    : createOutside({ name, template, from, target, portOption, kit: values['kit'] ? path.resolve(cwd, String(values['kit'])) : undefined, install: !values['no-install'], progress });
}

/**
 * An MFE inside the repository: mfes/<name>, in atrium.dev.json (so `npm start` serves it), linked
 * as a workspace so package-lock.json lists it.
 * @param {{ name: string, template: string, from: string, workspace: string, portOption: number | undefined, install: boolean, progress: (line: string) => void }} o
 */
async function createInWorkspace({ name, template, from, workspace, portOption, install, progress }) {
  const catalogFile = path.join(workspace, 'atrium.dev.json');
  const catalog = JSON.parse(fs.readFileSync(catalogFile, 'utf8'));
  const dir = path.join(workspace, 'mfes', name);
  if (fs.existsSync(dir)) throw new UsageError(`mfes/${name} already exists — pick another name (atrium create never overwrites)`);
  if (catalog.mfes.some((/** @type {{ name: string }} */ m) => m.name === name)) throw new UsageError(`"${name}" is already in atrium.dev.json — pick another name`);
  const port = portOption ?? await choosePort(Math.max(5200, ...catalog.mfes.map((/** @type {{ port: number }} */ m) => m.port)) + 1, progress);
  const title = titleFor(name);
  const rel = `mfes/${name}`;
  copyTemplate(from, dir, { NAME: name, TITLE: title, PORT: String(port), DIR: `${rel}/`, DEVCMD: `npx atrium dev (in ${rel})`, CHECKCMD: 'npx atrium check <url of remoteEntry.js>' });
  addToCatalog(catalogFile, { name, dir: rel, port, module: './app', activeWhen: `/${name}`, region: 'main', title });
  const installed = install ? npmInstall(workspace) : undefined;
  return {
    name, title, template, mode: 'workspace', dir, relativeDir: rel, port, devPort: devPortOf(port), installed,
    next: [
      [`cd ${rel} && npx atrium dev`, `its dev server (HMR) on http://localhost:${devPortOf(port)}, shown in the host at /${name}`],
      [`npx vitest run --project unit ${rel}`, 'its unit test'],
      [`npm run build -w ${rel}`, `→ ${rel}/dist, the folder you deploy`],
      ['npm start', `the whole portal on http://localhost:5173; the host shows it at /${name}, served from http://localhost:${port}`],
      [`npx atrium check http://localhost:${port}/remoteEntry.js`, 'the contract, against the served build (with npm start running)'],
    ],
    commit: `commit ${rel}, atrium.dev.json and package-lock.json together`,
  };
}

/**
 * An MFE as its own project anywhere: builds and tests with only @atrium/shared, @atrium/cli and
 * the npm registry.
 * @param {{ name: string, template: string, from: string, target: string, portOption: number | undefined, kit: string | undefined, install: boolean, progress: (line: string) => void }} o
 */
async function createOutside({ name, template, from, target, portOption, kit, install, progress }) {
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new UsageError(`${target} exists and is not empty — pick another name or --dir (atrium create never overwrites)`);
  const port = portOption ?? await choosePort(5210, progress);
  const title = titleFor(name);
  const pkg = outsidePackageJson({ name, title, template, ...(kit ? { kit: kitTarballs(kit, target) } : {}) });
  const values = { NAME: name, TITLE: title, PORT: String(port), DIR: '', DEVCMD: 'npm run dev', CHECKCMD: 'npm run check -- <url of remoteEntry.js>' };
  copyTemplate(from, target, values);
  copyTemplate(path.join(TEMPLATES_DIR, 'outside'), target, values);
  fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const installed = install ? npmInstall(target) : undefined;
  const rel = path.relative(process.cwd(), target) || '.';
  return {
    name, title, template, mode: 'outside', dir: target, relativeDir: rel, port, devPort: devPortOf(port), installed,
    next: [
      ...(rel === '.' ? [] : [[`cd ${rel}`, 'the new project']]),
      ...(installed ? [] : [['npm install', 'its dependencies (exact versions in package.json)']]),
      ['npm run dev', `its dev server (HMR) on http://localhost:${devPortOf(port)}, mounted in a local Atrium host (--host <url> for your deployed one)`],
      ['npm test', 'typecheck (strict) and its unit test'],
      ['npm run build', '→ dist/, the folder you deploy (to a versioned folder on any static host with CORS)'],
      [`npx vite preview & npm run check -- http://localhost:${port}/remoteEntry.js`, 'the contract, in the real host build in headless Chromium'],
    ],
    commit: 'commit everything but node_modules/ and dist/ (.gitignore lists them)',
  };
}

/** @param {Awaited<ReturnType<typeof run>>} r */
export function format(r) {
  return `
created ${r.relativeDir} (${r.template} template), container "${r.name}", build port ${r.port}, dev server port ${r.devPort}
${r.mode === 'workspace' ? `added "${r.name}" to atrium.dev.json: route /${r.name}, region main, title "${r.title}"\n` : ''}${r.installed ? `installed with \`${r.installed}\`` : 'skipped npm install (--no-install)'}

next steps
${r.next.map(([cmd, what]) => `  ${cmd}\n      ${what}`).join('\n')}
${r.commit}`;
}
