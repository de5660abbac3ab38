// Finds import cycles between folders (and between files) of a source tree: the check behind
// "dependencies point one way" (ARCHITECTURE.md). Static, dynamic and type-only imports all
// count: a cycle of types is still two folders that cannot be understood one without the other.
import fs from 'node:fs';
import path from 'node:path';

const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const SKIP = /(\.test\.ts|\.test-d\.ts|\.d\.ts|\.d\.mts)$/;
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) return item.name === 'node_modules' || item.name === 'dist' ? [] : sourceFiles(full);
    return SOURCE.test(item.name) && !SKIP.test(item.name) ? [full] : [];
  });
}

/** @param {string} from @param {string} spec @returns {string | undefined} */
function resolveRelative(from, spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
}

/**
 * The import graph of `root` (relative imports only), by file and by folder. A folder is the
 * first directory under `root` (`auth/oidc/x.ts` belongs to `auth`); a file directly in `root`
 * is its own node.
 * @param {string} root
 */
export function importGraph(root) {
  /** @type {Map<string, Set<string>>} */
  const files = new Map();
  /** @type {Map<string, Set<string>>} */
  const folders = new Map();
  const folderOf = (/** @type {string} */ file) => {
    const rel = path.relative(root, file).split(path.sep);
    return rel.length === 1 ? rel[0] : `${rel[0]}/`;
  };
  for (const file of sourceFiles(root)) {
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(root, file);
    const edges = files.get(rel) ?? new Set();
    files.set(rel, edges);
    for (const match of text.matchAll(IMPORT)) {
      const target = resolveRelative(file, match[1] ?? match[2] ?? '');
      if (!target || !target.startsWith(root + path.sep)) continue;
      edges.add(path.relative(root, target));
      const [a, b] = [folderOf(file), folderOf(target)];
      if (a === b) continue;
      if (!folders.has(a)) folders.set(a, new Set());
      folders.get(a)?.add(b);
    }
  }
  return { files, folders };
}

/**
 * Every cycle of a graph, each once, as `a → b → a` (Tarjan's strongly connected components).
 * @param {Map<string, Set<string>>} graph
 * @returns {string[]}
 */
export function cycles(graph) {
  let index = 0;
  /** @type {Map<string, { index: number, low: number }>} */
  const marks = new Map();
  /** @type {string[]} */
  const stack = [];
  /** @type {string[]} */
  const found = [];
  const visit = (/** @type {string} */ node) => {
    marks.set(node, { index, low: index });
    index += 1;
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const seen = marks.get(next);
      if (!seen) {
        visit(next);
        const mine = marks.get(node);
        const theirs = marks.get(next);
        if (mine && theirs) mine.low = Math.min(mine.low, theirs.low);
      } else if (stack.includes(next)) {
        const mine = marks.get(node);
        if (mine) mine.low = Math.min(mine.low, seen.index);
      }
    }
    const mine = marks.get(node);
    if (mine && mine.low === mine.index) {
      /** @type {string[]} */
      const component = [];
      let popped;
      do {
        popped = stack.pop();
        if (popped !== undefined) component.push(popped);
      } while (popped !== node && popped !== undefined);
      if (component.length > 1) found.push([...component.sort(), component.sort()[0]].join(' → '));
    }
  };
  for (const node of [...graph.keys()].sort()) if (!marks.has(node)) visit(node);
  return found;
}

/**
 * The folder and file cycles under each root, as lines a person can act on; empty when none.
 * @param {string[]} roots absolute paths of source roots (host/src, shared/src)
 */
export function findImportCycles(roots) {
  return roots.flatMap((root) => {
    const { files, folders } = importGraph(root);
    const name = path.basename(path.dirname(root)) + '/' + path.basename(root);
    return [
      ...cycles(folders).map((cycle) => `${name}: folders import each other: ${cycle}`),
      ...cycles(files).map((cycle) => `${name}: files import each other: ${cycle}`),
    ];
  });
}
