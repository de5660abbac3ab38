#!/usr/bin/env node
// Builds @atrium/shared for MFEs that live outside this repository: compiled JS and .d.ts in
// dist/, plus a dist/package.json whose exports point at them. Pack that folder:
//   npm run build -w shared && npm pack ./shared/dist
// (npm does not apply publishConfig.exports, so the source package.json, whose exports point at
// src/*.ts for the workspace, cannot be packed as is.) With --refuse it only explains that: the
// source package's prepack, so `npm pack -w shared` / `npm publish -w shared` never ship .ts files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SHARED = fileURLToPath(new URL('..', import.meta.url));
const ROOT = path.join(SHARED, '..');
const DIST = path.join(SHARED, 'dist');

if (process.argv.includes('--refuse')) {
  console.error('@atrium/shared: the source package points at src/*.ts; pack the built one instead:\n  npm run build -w shared && npm pack ./shared/dist');
  process.exit(1);
}

const source = JSON.parse(fs.readFileSync(path.join(SHARED, 'package.json'), 'utf8'));
const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const shared = JSON.parse(fs.readFileSync(path.join(SHARED, 'src/versions.json'), 'utf8'));
// The shared packages' versions come from their one declaration; build tools from the root's pins.
const pinned = (/** @type {string} */ name) => {
  const version = shared[name] ?? rootPkg.devDependencies?.[name];
  if (!version) throw new Error(`${name} is neither in shared/src/versions.json nor in the root package.json devDependencies`);
  return version;
};

fs.rmSync(DIST, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(SHARED, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
fs.mkdirSync(path.join(DIST, 'vite'), { recursive: true });
for (const file of ['index.mjs', 'index.d.ts']) fs.copyFileSync(path.join(SHARED, 'vite', file), path.join(DIST, 'vite', file));
// The MFE preset reads it at ../versions.json; tsc emits it only where src imports it.
fs.copyFileSync(path.join(SHARED, 'src/versions.json'), path.join(DIST, 'versions.json'));

/** @type {Record<string, unknown>} */
const exports = {};
for (const [subpath, target] of Object.entries(source.exports)) {
  if (typeof target === 'string') {
    const js = target.replace(/^\.\/src\//, './').replace(/\.ts$/, '.js');
    exports[subpath] = { types: js.replace(/\.js$/, '.d.ts'), default: js };
  } else {
    exports[subpath] = target; // ./vite: already JS with its own .d.ts
  }
}

const pkg = {
  name: source.name,
  version: source.version,
  description: source.description,
  type: 'module',
  exports,
  sideEffects: false,
  // The API layer runs on ky; single-spa comes from the host page (a singleton), as does the build
  // preset's tooling from the MFE's own devDependencies.
  dependencies: { ky: pinned('ky') },
  peerDependencies: { ...source.peerDependencies, vite: pinned('vite'), '@module-federation/vite': pinned('@module-federation/vite') },
  peerDependenciesMeta: { vite: { optional: true }, '@module-federation/vite': { optional: true } },
};
fs.writeFileSync(path.join(DIST, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
fs.writeFileSync(path.join(DIST, 'README.md'), `# ${source.name}\n\n${source.description}\n\nThe contract every Atrium MFE codes against: \`AtriumProps\`, \`defineMfe\`, \`standaloneProps\`, the manifest types, and the build preset \`${source.name}/vite\` (\`defineMfeConfig\`). See the Atrium README, "MFE teams: create, check, deploy".\n`);
console.log(`built ${source.name}@${source.version} → ${path.relative(ROOT, DIST)} (pack it: npm pack ./shared/dist)`);
