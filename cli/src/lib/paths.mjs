import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the CLI's own files are. The installable package keeps the repository's layout
 * (cli/, scripts/lib/, host/dist/, templates/ under the package root), so every relative import
 * and this root work the same in a checkout and in node_modules/@atrium/cli.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** True when running from an Atrium checkout (not from the installed kit). */
export const IN_CHECKOUT = fs.existsSync(path.join(PACKAGE_ROOT, 'atrium.dev.json')) && fs.existsSync(path.join(PACKAGE_ROOT, 'shared/package.json'));

/** The templates `atrium create` copies. */
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');

/** The host build `atrium check` and `atrium dev` serve (shipped inside the kit). */
export const HOST_DIST = path.join(PACKAGE_ROOT, 'host/dist');

/**
 * The Atrium workspace `dir` is in (a folder with atrium.dev.json and an npm workspaces
 * package.json listing mfes/*), or undefined outside any.
 * @param {string} dir
 */
export function findWorkspace(dir) {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const catalog = path.join(at, 'atrium.dev.json');
    const pkg = path.join(at, 'package.json');
    if (fs.existsSync(catalog) && fs.existsSync(pkg)) {
      try {
        const workspaces = JSON.parse(fs.readFileSync(pkg, 'utf8')).workspaces;
        if (Array.isArray(workspaces) && workspaces.includes('mfes/*')) return at;
      } catch {
        // not a package.json we can read: keep looking upwards
      }
    }
    if (path.dirname(at) === at) return undefined;
  }
}
