#!/usr/bin/env node
// The one place that declares the versions of the packages the host page and its MFEs share at
// run time (single-spa and @atrium/shared are Module Federation singletons; ky ships inside
// @atrium/shared/api) is shared/src/versions.json. The host build, the MFE preset (shared/vite)
// and the package build read it; package.json files cannot (npm reads only literals), so this
// script writes their pins from it and the unit suite fails when one drifts:
//   node shared/scripts/versions.mjs          check, exit 1 on drift
//   node shared/scripts/versions.mjs --write  rewrite the pins from versions.json
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** @returns {Record<string, string>} */
export function declaredVersions(root = ROOT) {
  return JSON.parse(fs.readFileSync(path.join(root, 'shared/src/versions.json'), 'utf8'));
}

/** Every package.json that pins a shared package: the workspaces, the templates, the root. */
function manifests(root) {
  const dirs = ['.', 'host', 'shared', 'cli'];
  for (const parent of ['mfes', 'templates', 'e2e/fixtures']) {
    const dir = path.join(root, parent);
    if (fs.existsSync(dir)) for (const name of fs.readdirSync(dir)) dirs.push(path.join(parent, name));
  }
  return dirs.map((dir) => path.join(dir, 'package.json')).filter((file) => fs.existsSync(path.join(root, file)));
}

const FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'];

/**
 * The pins that differ from the declared versions. A peer range (`^6.0.3`) must be the caret of
 * the declared version; everything else pins it exactly. `@atrium/shared`'s own version counts too.
 * @param {Record<string, string>} declared
 * @param {{ file: string, json: any }[]} packages
 * @returns {{ file: string, field: string, name: string, found: string, expected: string }[]}
 */
export function findDrift(declared, packages) {
  const drift = [];
  for (const { file, json } of packages) {
    if (json.name in declared && json.version !== declared[json.name]) drift.push({ file, field: 'version', name: json.name, found: json.version, expected: declared[json.name] });
    for (const field of FIELDS) {
      for (const [name, found] of Object.entries(json[field] ?? {})) {
        if (!(name in declared) || String(found).startsWith('file:') || String(found).startsWith('workspace:')) continue;
        const expected = field === 'peerDependencies' ? `^${declared[name]}` : declared[name];
        if (found !== expected) drift.push({ file, field, name, found: String(found), expected });
      }
    }
  }
  return drift;
}

/** @param {ReturnType<typeof findDrift>} drift */
export function describeDrift(drift) {
  return drift.map((d) => `${d.file}: ${d.field} ${d.name} is ${d.found}, shared/src/versions.json declares ${d.expected}`).join('\n') +
    '\n— run `node shared/scripts/versions.mjs --write` (or change shared/src/versions.json if the new version is meant)';
}

/** The repository's drift, read from disk. */
export function repoDrift(root = ROOT) {
  const packages = manifests(root).map((file) => ({ file, json: JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) }));
  return findDrift(declaredVersions(root), packages);
}

/**
 * Throws when an installed shared package is not the declared version: the host bundles the
 * installed copy but announces the declared version to MFEs, so the two must be the same.
 */
export function assertInstalledVersions(root = ROOT) {
  const declared = declaredVersions(root);
  const wrong = [];
  for (const [name, version] of Object.entries(declared)) {
    const file = path.join(root, 'node_modules', name, 'package.json');
    if (!fs.existsSync(file)) continue; // @atrium/shared itself is a workspace link
    const installed = JSON.parse(fs.readFileSync(file, 'utf8')).version;
    if (installed !== version) wrong.push(`${name} ${installed} is installed, shared/src/versions.json declares ${version}`);
  }
  if (wrong.length > 0) throw new Error(`shared package versions: ${wrong.join('; ')} — run npm install (or change shared/src/versions.json and node shared/scripts/versions.mjs --write)`);
}

function write(root) {
  const declared = declaredVersions(root);
  for (const file of manifests(root)) {
    const full = path.join(root, file);
    const json = JSON.parse(fs.readFileSync(full, 'utf8'));
    const fixes = findDrift(declared, [{ file, json }]);
    if (fixes.length === 0) continue;
    for (const fix of fixes) {
      if (fix.field === 'version') json.version = fix.expected;
      else json[fix.field][fix.name] = fix.expected;
    }
    fs.writeFileSync(full, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`${file}: ${fixes.map((f) => `${f.name} ${f.found} → ${f.expected}`).join(', ')}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes('--write')) write(ROOT);
  else {
    const drift = repoDrift();
    if (drift.length > 0) {
      console.error(describeDrift(drift));
      process.exit(1);
    }
    console.log('shared versions: every pin matches shared/src/versions.json');
  }
}
