import fs from 'node:fs';
import path from 'node:path';
import { IN_CHECKOUT, PACKAGE_ROOT } from './paths.mjs';

/**
 * The packages an MFE outside the repository builds and tests with, at the exact versions this
 * Atrium release is tested with. The kit bakes them into versions.json; in a checkout they are
 * read from what is installed.
 */
export const KIT_PACKAGES = [
  'single-spa', 'vite', '@module-federation/vite', 'vitest', 'happy-dom', 'typescript',
  'react', 'react-dom', '@vitejs/plugin-react', '@types/react', '@types/react-dom',
];

/** @returns {Record<string, string>} package name → exact version, plus @atrium/shared and @atrium/cli */
export function kitVersions() {
  const baked = path.join(PACKAGE_ROOT, 'versions.json');
  if (fs.existsSync(baked)) return JSON.parse(fs.readFileSync(baked, 'utf8'));
  if (!IN_CHECKOUT) throw new Error(`${baked} is missing: this @atrium/cli package is incomplete — reinstall it`);
  return versionsFromCheckout(PACKAGE_ROOT);
}

/** @param {string} root an Atrium checkout with node_modules installed */
export function versionsFromCheckout(root) {
  const read = (/** @type {string} */ file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  /** @type {Record<string, string>} */
  const versions = { '@atrium/shared': read('shared/package.json').version, '@atrium/cli': read('cli/package.json').version };
  for (const name of KIT_PACKAGES) {
    const file = path.join('node_modules', name, 'package.json');
    if (!fs.existsSync(path.join(root, file))) throw new Error(`${name} is not installed in ${root} — run npm ci there first`);
    versions[name] = read(file).version;
  }
  return versions;
}
