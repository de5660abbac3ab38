import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const BUILTINS = new Set(builtinModules);
// Static and dynamic imports, re-exports, and files read next to a module (`new URL('./x.js', import.meta.url)`).
const SPECIFIERS = [
  /\bimport\s+(?:[\w*${}\s,]+\s+from\s+)?['"]([^'"]+)['"]/g,
  /\bexport\s+(?:\*|\{[^}]*\})\s*(?:as\s+\w+\s+)?from\s+['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bnew URL\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*,\s*import\.meta\.url\s*\)/g,
];

/**
 * Every file the given entry files need, following relative imports (and files read beside a
 * module), plus the npm packages they import. What the kit packs is exactly this closure, so a
 * command added to cli/src (or a helper it imports from scripts/lib) ships without a list to keep.
 * @param {string} root repository root
 * @param {string[]} entries files relative to root
 * @returns {{ files: string[], packages: string[] }} files relative to root, sorted
 */
export function traceImports(root, entries) {
  const files = new Set();
  const packages = new Set();
  const queue = entries.map((entry) => path.resolve(root, entry));
  while (queue.length) {
    const file = /** @type {string} */ (queue.pop());
    const relative = path.relative(root, file);
    if (files.has(relative)) continue;
    if (relative.startsWith('..')) throw new Error(`${relative} is outside the repository: the kit cannot ship it`);
    if (!fs.existsSync(file)) throw new Error(`${relative} is imported but does not exist`);
    if (fs.statSync(file).isDirectory()) continue;
    files.add(relative);
    if (!/\.(mjs|js|cjs)$/.test(file)) continue;
    const source = stripComments(fs.readFileSync(file, 'utf8'));
    for (const pattern of SPECIFIERS) {
      for (const match of source.matchAll(pattern)) {
        const specifier = /** @type {string} */ (match[1]);
        if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
        else if (!specifier.startsWith('node:') && !BUILTINS.has(specifier)) packages.add(packageName(specifier));
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** "@scope/name/sub" → "@scope/name"; "name/sub" → "name" @param {string} specifier */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : /** @type {string} */ (parts[0]);
}

/** Block and line comments out (JSDoc `import('…')` types are not imports). @param {string} source */
function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/**
 * Copies a tree, skipping what the filter refuses.
 * @param {string} from
 * @param {string} to
 * @param {(relative: string) => boolean} [keep]
 */
export function copyTree(from, to, keep = () => true, base = from) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (!keep(path.relative(base, source))) continue;
    if (entry.isDirectory()) copyTree(source, path.join(to, entry.name), keep, base);
    else fs.copyFileSync(source, path.join(to, entry.name));
  }
}
