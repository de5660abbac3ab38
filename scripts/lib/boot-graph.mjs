// The boot graph: the host page as a resolver renders it for one path. The shell's entry and the
// planned chunks of the MFEs that path shows become one module graph, so the browser evaluates
// them in one task once all have arrived, and the shell mounts them in that task's microtasks:
// no `import()` (each resolves a task later, letting the browser lay out and paint an empty
// shell first), no inline script that creates preload links while the parser waits.
// In paired A/B runs on one stack (README, Performance) this took 17–23 ms off first content at
// 10 Mbit/s and 100 ms RTT.
//
// A static page (one index.html for every path) cannot know the path: it keeps the inline boot
// preload script (boot-preload.js) and the shell imports each MFE itself.

/** The id of the inline module script that holds the graph (the shell looks for it). */
export const BOOT_GRAPH_ID = 'atrium-boot-graph';

/**
 * Where the graph hands the evaluated modules to the shell: `globalThis[Symbol.for(…)]`, set by
 * the shell when it is evaluated (first in the graph), called with `[url, namespace][]`.
 */
export const BOOT_HANDOFF_KEY = 'atrium.boot-modules';

/** Packages the shell puts in place as its entry runs, before any module of the graph (loader/shares.ts STATIC_SHARES). */
export const GRAPH_SHARES = ['@atrium/shared'];

/**
 * Packages that are chunks of the shell's own (single-spa: fetched after first content when no
 * MFE on the page reads it as it is evaluated), each named in the built host page as
 * `<meta name="atrium:<package>" content="<chunk URL>">`. Evaluating the chunk puts the package
 * in place (host/src/loader/single-spa-share.ts), so a graph whose planned chunks read it imports
 * it right after the shell.
 */
export const CHUNK_SHARES = ['single-spa'];

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

/**
 * True when a manifest entry's `activeWhen` shows it at `path`: the shell's rule
 * (shared/src/policy/routes.ts) — a prefix matches itself and what is below it at a `/`.
 * @param {unknown} when
 * @param {string} path
 */
export function activeAt(when, path) {
  if (when === 'always') return true;
  const prefixes = typeof when === 'string' ? [when] : Array.isArray(when) ? when : [];
  return prefixes.some((prefix) => {
    if (typeof prefix !== 'string') return false;
    const p = prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
    return p === '/' || path === p || path.startsWith(`${p}/`);
  });
}

/**
 * What the page at `path` fetches before the shell runs: `preload`, every file the path's MFEs
 * need at once, as `<link rel="modulepreload">` with its hash — the browser's preload scanner
 * starts them with the shell's own request, where an inline module's imports would start only
 * when the parser reaches it (40–60 ms later at 100 ms RTT) — and `graph`, the planned chunks the
 * boot graph imports (each pinned by the page's integrity import map; only host-provided shares
 * the shell can put in place before they run; no entry that waits for sign-in) — and `shares`,
 * the shell's {@link CHUNK_SHARES} those chunks read.
 * @param {{ allowedOrigins?: string[], home?: string, overrides?: { enabled?: boolean } }} config
 * @param {{ mfes?: any[] }} manifest
 * @param {string} pathname the request's path
 * @returns {{ graph: string[], preload: { href: string, integrity?: string }[], shares: string[] }}
 */
export function bootFiles(config, manifest, pathname) {
  const path = pathname === '/' && config.home ? config.home : pathname;
  /** @type {string[]} */
  const graph = [];
  /** @type {Set<string>} */
  const shares = new Set();
  /** @type {{ href: string, integrity?: string }[]} */
  const preload = [];
  for (const entry of manifest.mfes ?? []) {
    if (!entry || typeof entry.entry !== 'string' || !activeAt(entry.activeWhen, path)) continue;
    try {
      const files = filesOf(entry, config);
      if (!files) continue;
      if (files.graphed) {
        graph.push(files.graphed);
        for (const share of entry.boot.shares ?? []) if (CHUNK_SHARES.includes(share)) shares.add(share);
      }
      preload.push(...files.preload);
    } catch {
      // A URL that does not parse: the shell reports the entry; the page fetches nothing of it.
    }
  }
  return { graph, preload, shares: [...shares].sort() };
}

/**
 * One active entry's part of {@link bootFiles}; undefined for an entry the shell would refuse
 * (its origin is not allowed, or plain http off loopback: CSP would block it anyway).
 * @param {any} entry
 * @param {{ allowedOrigins?: string[], overrides?: { enabled?: boolean } }} config
 */
function filesOf(entry, config) {
  const base = new URL(entry.entry);
  if (!config.allowedOrigins?.includes(base.origin) || !(base.protocol === 'https:' || (base.protocol === 'http:' && LOOPBACK.test(base.hostname)))) return undefined;
  /** @type {Map<string, string>} absolute URL → its pinned hash */
  const pins = new Map(Object.entries(entry.files && typeof entry.files === 'object' ? entry.files : {}).map(([file, sri]) => [new URL(file, base).href, String(sri)]));
  const boot = entry.boot && typeof entry.boot.module === 'string' ? new URL(entry.boot.module, base) : undefined;
  const graphed = boot && boot.origin === base.origin && pins.has(boot.href)
    && (entry.boot.shares ?? []).every((/** @type {string} */ share) => GRAPH_SHARES.includes(share) || CHUNK_SHARES.includes(share))
    && !entry.auth?.required
    && !config.overrides?.enabled
    ? boot.href : undefined;
  /** @type {{ href: string, integrity?: string }[]} */
  const preload = [];
  for (const [index, file] of [boot ? boot.href : base.href, ...(Array.isArray(entry.preload) ? entry.preload : [])].entries()) {
    const url = new URL(file, base);
    if (url.origin !== base.origin) continue;
    const integrity = pins.get(url.href) ?? (index === 0 && !boot && typeof entry.integrity === 'string' ? entry.integrity : undefined);
    preload.push({ href: url.href, ...(integrity ? { integrity } : {}) });
  }
  return { graphed, preload };
}

/**
 * Renders the boot graph into a built host page whose config and manifest are already inlined
 * (deploy.mjs, `bootPreload: false`): the shell's module script becomes the shell's own script
 * made `async` — it runs the shell if the graph cannot (a remote that hangs, 404s or fails its
 * hash), so one bad MFE never keeps the shell from starting — the `<link rel="modulepreload">`s,
 * and the graph script: the shell, the chunks of the `shares` its planned chunks read, then those.
 * A path without planned MFEs keeps the page as it is, apart from the preload links (so does a page
 * that does not name a share's chunk: the shell then imports each chunk itself); a page without
 * the shell's script is returned as it is.
 * @param {string} html
 * @param {{ graph: string[], preload: { href: string, integrity?: string }[], shares?: string[] }} files from {@link bootFiles}
 * @returns {string}
 */
export function renderBootGraph(html, { graph, preload, shares = [] }) {
  const shell = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
  // Not a built host page (a test's template, a hand-made page): nothing to render into.
  if (!shell) return html;
  const attr = (/** @type {string} */ value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const js = (/** @type {string} */ value) => JSON.stringify(value).replace(/</g, '\\u003c');
  const shareChunks = shares.map((share) => new RegExp(`<meta name="atrium:${share}" content="([^"]+)">`).exec(html)?.[1] ?? '');
  const graphed = graph.length > 0 && shareChunks.every(Boolean);
  const links = [...(graphed ? shareChunks.map((href) => ({ href })) : []), ...preload]
    .map(({ href, integrity }) => `<link rel="modulepreload" crossorigin href="${attr(href)}"${integrity ? ` integrity="${attr(integrity)}"` : ''}>`).join('');
  // The shell's script first: the preload scanner requests in document order, and the shell is
  // the biggest file on the path (links first made it start 17–27 ms later at 100 ms RTT).
  if (!graphed) return html.replace(shell[0], `${shell[0]}${links}`);
  const imports = [shell[1] ?? '', ...shareChunks].map((url) => `import ${js(url)};`).join('')
    + graph.map((url, i) => `import * as m${i + 1} from ${js(url)};`).join('');
  const handoff = `globalThis[Symbol.for(${js(BOOT_HANDOFF_KEY)})]?.([${graph.map((url, i) => `[${js(url)},m${i + 1}]`).join(',')}]);`;
  const fallback = shell[0].replace('<script type="module"', '<script type="module" async');
  return html.replace(shell[0], `${fallback}${links}<script type="module" id="${BOOT_GRAPH_ID}" data-modules="${attr(graph.join(' '))}">${imports}${handoff}</script>`);
}
