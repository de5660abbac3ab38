import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// What the browser may fetch as code or style from a built MFE: scripts (static and dynamic
// imports, remoteEntry.js) and stylesheets. Precompressed twins (.br/.gz) are the same bytes
// once decoded, and dot-folders (.vite/) are never served.
const FETCHED = /\.(?:m?js|css)$/;

/**
 * The SRI hash (`sha384-…`) of every JS and CSS file of a built MFE, keyed by its path relative
 * to the folder (where remoteEntry.js is), with `/` separators — the manifest entry's `files`.
 * The host hands these to the browser (import map `integrity`, `integrity` on links), which
 * refuses to run or apply a file whose bytes differ.
 * @param {string} distDir the MFE's build output (holds remoteEntry.js)
 * @returns {Record<string, string>} sorted by path, so the manifest diff is stable
 * @example
 * integrityForDist('mfes/accounts/dist');
 * // → { 'assets/app-x1.js': 'sha384-…', 'remoteEntry.js': 'sha384-…', … }
 */
export function integrityForDist(distDir) {
  if (!fs.existsSync(distDir) || !fs.statSync(distDir).isDirectory()) {
    throw new TypeError(`integrityForDist: ${distDir} is not a folder — build the MFE first (npm run build)`);
  }
  /** @type {Record<string, string>} */
  const files = {};
  for (const relative of walk(distDir).sort()) files[relative] = sriOf(fs.readFileSync(path.join(distDir, relative)));
  if (!files['remoteEntry.js']) throw new TypeError(`integrityForDist: ${distDir} has no remoteEntry.js — is it an MFE build?`);
  return files;
}

/**
 * The SRI string of some bytes (sha384, the algorithm SRI recommends).
 * @param {string | Buffer} bytes
 * @example sriOf('export {}') // → 'sha384-…'
 */
export function sriOf(bytes) {
  return `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
}

/** @param {string} root @param {string} [sub] @returns {string[]} posix paths relative to root */
function walk(root, sub = '') {
  /** @type {string[]} */
  const out = [];
  for (const item of fs.readdirSync(path.join(root, sub), { withFileTypes: true })) {
    if (item.name.startsWith('.')) continue;
    const relative = sub ? `${sub}/${item.name}` : item.name;
    if (item.isDirectory()) out.push(...walk(root, relative));
    else if (item.isFile() && FETCHED.test(item.name)) out.push(relative);
  }
  return out;
}

/**
 * The import map that pins every file of every manifest entry with `files`: absolute URL →
 * hash, in its `integrity` section. The browser then checks each module fetch of those URLs
 * (static and dynamic imports, modulepreload links) before anything runs. Undefined when no
 * entry has `files`.
 * @param {{ mfes?: unknown[] }} manifest
 * @returns {string | undefined} the map's JSON, `<` escaped so it cannot close its tag
 * @example
 * integrityImportMap({ mfes: [{ entry: 'https://cdn.example/a/remoteEntry.js', files: { 'remoteEntry.js': 'sha384-…' } }] });
 * // → '{"integrity":{"https://cdn.example/a/remoteEntry.js":"sha384-…"}}'
 */
export function integrityImportMap(manifest) {
  /** @type {Record<string, string>} */
  const integrity = {};
  for (const entry of /** @type {any[]} */ (manifest.mfes ?? [])) {
    if (!entry || typeof entry.entry !== 'string' || !entry.files || typeof entry.files !== 'object') continue;
    const base = new URL(entry.entry);
    for (const [file, sri] of Object.entries(entry.files)) {
      const url = new URL(file, base);
      // The first pin of a URL wins in the browser; an entry cannot re-pin another's file.
      if (url.origin === base.origin && typeof sri === 'string' && !(url.href in integrity)) integrity[url.href] = sri;
    }
  }
  if (Object.keys(integrity).length === 0) return undefined;
  return JSON.stringify({ integrity }).replace(/</g, '\\u003c');
}

/**
 * The host page with the manifest's integrity import map as the first thing in `<head>`, before
 * any script or preload can fetch an MFE file. Unchanged when nothing is pinned.
 * @param {string} html the host page (after the deploy step inlined its config)
 * @param {{ mfes?: unknown[] }} manifest
 */
export function inlineIntegrityMap(html, manifest) {
  const map = integrityImportMap(manifest);
  if (!map) return html;
  return html.replace(/<head>/i, (head) => `${head}<script type="importmap" id="atrium-integrity">${map}</script>`);
}
