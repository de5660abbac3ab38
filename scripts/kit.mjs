#!/usr/bin/env node
// `npm run kit`: the installable kit for MFE teams outside this repository, as tarballs in kit/
// (ignored by git), each publishable to a registry as it is:
//   - @atrium/shared: the contracts, the API layer, the events and the Vite preset (@atrium/shared/vite);
//   - @atrium/cli: the `atrium` command (create, dev, check, and every other command in cli/src),
//     with the host build and the templates inside, so `atrium check` needs no Atrium checkout.
// Needs the host built (npm run build); `npm run kit` builds first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { versionsFromCheckout } from '../cli/src/lib/versions.mjs';
import { copyTree, traceImports } from './lib/kit/trace.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// `--out <dir>`: elsewhere than kit/ (the e2e test packs into a temp folder).
const outAt = process.argv.indexOf('--out');
const OUT = outAt > 0 && process.argv[outAt + 1] ? path.resolve(/** @type {string} */ (process.argv[outAt + 1])) : path.join(ROOT, 'kit');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** @param {string} file */
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

/** @param {string} cwd @param {string[]} args */
function npm(cwd, args) {
  const result = spawnSync(NPM, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${result.stderr}`);
  return result.stdout;
}

/** Packs a folder into kit/ and returns the tarball's file name. @param {string} dir */
function pack(dir) {
  const [packed] = JSON.parse(npm(dir, ['pack', '--json', '--pack-destination', OUT]));
  return packed.filename;
}

/** The range the repository already declares for a package, else ^installed. @param {string} name */
function rangeFor(name) {
  const declared = [readJson('package.json'), readJson('host/package.json'), readJson('shared/package.json')]
    .map((pkg) => pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]).find(Boolean);
  if (declared) return declared;
  return `^${readJson(`node_modules/${name}/package.json`).version}`;
}

function packShared() {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'shared/scripts/build-package.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error('building @atrium/shared failed (see above)');
  return pack(path.join(ROOT, 'shared/dist'));
}

function packCli() {
  if (!fs.existsSync(path.join(ROOT, 'host/dist/index.html'))) throw new Error('host/dist is not built — run `npm run build` first (the kit ships the host build for `atrium check` and `atrium dev`)');
  const source = readJson('cli/package.json');
  const entries = listFiles(path.join(ROOT, 'cli/bin')).concat(listFiles(path.join(ROOT, 'cli/src')))
    .filter((file) => !/\.test\.m?[jt]s$/.test(file))
    .map((file) => path.relative(ROOT, file));
  const { files, packages } = traceImports(ROOT, entries);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-kit-cli-'));
  try {
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(stage, file));
    }
    copyTree(path.join(ROOT, 'host/dist'), path.join(stage, 'host/dist'), (relative) => !relative.endsWith('.map'));
    copyTree(path.join(ROOT, 'templates'), path.join(stage, 'templates'), (relative) => !relative.split(path.sep).some((part) => part === 'node_modules' || part === 'dist'));
    const versions = versionsFromCheckout(ROOT);
    fs.writeFileSync(path.join(stage, 'versions.json'), `${JSON.stringify(versions, null, 2)}\n`);
    const pkg = {
      name: source.name,
      version: source.version,
      description: source.description,
      type: 'module',
      bin: { atrium: 'cli/bin/atrium.mjs' },
      files: ['cli', 'scripts', 'servers', 'host', 'templates', 'versions.json'],
      engines: source.engines,
      dependencies: Object.fromEntries(packages.map((name) => [name, rangeFor(name)])),
      // `atrium dev` runs the MFE project's own Vite (with the federation plugin from its config).
      peerDependencies: { vite: rangeFor('vite'), '@module-federation/vite': rangeFor('@module-federation/vite') },
      peerDependenciesMeta: { vite: { optional: true }, '@module-federation/vite': { optional: true } },
    };
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    fs.writeFileSync(path.join(stage, 'README.md'), `# ${source.name}\n\n${source.description}\n\n\`atrium create <name>\`, \`atrium dev\`, \`atrium check <url>\` and the release commands; \`atrium --help\` lists them. See the Atrium README, "MFE teams outside this repository".\n`);
    return { tarball: pack(stage), files: files.length, packages };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** @param {string} dir @returns {string[]} */
function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

try {
  fs.mkdirSync(OUT, { recursive: true });
  const shared = packShared();
  const cli = packCli();
  const size = (/** @type {string} */ file) => `${(fs.statSync(path.join(OUT, file)).size / 1024).toFixed(0)} KB`;
  console.log(`${OUT} (make an MFE anywhere: npx --package ${path.join(OUT, cli.tarball)} atrium create <name> --kit ${OUT})
  ${shared}  ${size(shared)}  contracts, API layer, events, Vite preset
  ${cli.tarball}  ${size(cli.tarball)}  the atrium command (${cli.files} source files, host build, templates; depends on ${cli.packages.join(', ')})`);
} catch (error) {
  console.error(`kit: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
