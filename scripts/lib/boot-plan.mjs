import fs from 'node:fs';
import path from 'node:path';

// The deploy step knows every file, version and hash of an MFE, so it can settle what the
// Module Federation runtime would otherwise negotiate in the browser: which chunk holds the
// exposed module, which of its shared packages the host provides, and whether the versions fit.
// The host then imports that chunk directly, with the host's own single-spa and @atrium/shared
// put where the built chunks look for shared modules, and loads the runtime only for entries
// without a plan (a remote built some other way, a developer override, a retry).
//
// The chunks of a remote built by @module-federation/vite read each shared module synchronously
// from `globalThis.__mf_module_cache__.share` (its loadShare glue); that is the protocol a plan
// relies on. It is checked for these plugin versions (e2e/boot-plan.e2e.test.ts fails when a
// build's version is missing here: its entries lose their plan and fetch remoteEntry.js).
export const PLAN_PLUGIN_VERSIONS = ['1.23.0'];

/** @returns {Record<string, string>} package → version the host provides as a singleton (shared/src/versions.json) */
export function hostProvidedVersions() {
  const versions = JSON.parse(fs.readFileSync(new URL('../../shared/src/versions.json', import.meta.url), 'utf8'));
  const shared = versions['@atrium/shared'];
  return { 'single-spa': versions['single-spa'], '@atrium/shared': shared, '@atrium/shared/api': shared };
}

/**
 * @typedef {object} BootPlan
 * @property {string} module the chunk holding the exposed module, relative to remoteEntry.js
 * @property {string[]} shares the host-provided packages its static imports read (the host puts them in place before the import)
 * @property {string[]} files the chunk and everything it imports statically: what the first load fetches
 * @property {string[]} lazy chunks reachable from it only through dynamic imports (fetched later, if ever)
 */

/**
 * The plan for one exposed module of a built remote, or why there is none.
 * @param {string} dist the built MFE folder (remoteEntry.js, mf-manifest.json, assets/)
 * @param {string} exposed e.g. "./app"
 * @param {Record<string, string>} [provided] package → version the host provides
 * @returns {{ plan: BootPlan } | { reason: string }}
 */
export function bootPlan(dist, exposed, provided = hostProvidedVersions()) {
  const mfManifest = readJson(path.join(dist, 'mf-manifest.json'));
  if (!mfManifest) return { reason: 'no mf-manifest.json (not built with @module-federation/vite and manifest: true)' };
  const pluginVersion = mfManifest.metaData?.pluginVersion;
  if (!PLAN_PLUGIN_VERSIONS.includes(pluginVersion)) return { reason: `built with @module-federation/vite ${pluginVersion ?? '(unknown)'}; plans are made for ${PLAN_PLUGIN_VERSIONS.join(', ')}` };
  for (const share of mfManifest.shared ?? []) {
    const have = provided[share.name];
    if (have && !satisfies(have, share.requiredVersion)) return { reason: `requires ${share.name}@${share.requiredVersion}, the host provides ${have}` };
  }
  const module = exposedChunk(dist, exposed);
  if (!module) return { reason: `remoteEntry.js does not name the chunk of ${exposed}` };
  const files = closure(dist, module, false);
  const lazy = closure(dist, module, true).filter((file) => !files.includes(file));
  const shares = new Set();
  for (const file of files) {
    const code = fs.readFileSync(path.join(dist, file), 'utf8');
    for (const match of code.matchAll(/canonical:\s*["'`]default:([^"'`]+)["'`]/g)) shares.add(/** @type {string} */ (match[1]));
  }
  // Packages the host does not provide (react, say) are left to the chunks' own fallbacks.
  return { plan: { module, shares: [...shares].filter((name) => provided[name]).sort(), files, lazy } };
}

/** The chunk remoteEntry.js imports for an exposed module (`"./app": async () => … import("./assets/app-x.js")`). */
function exposedChunk(dist, exposed) {
  let code;
  try {
    code = fs.readFileSync(path.join(dist, 'remoteEntry.js'), 'utf8');
  } catch {
    return undefined;
  }
  const key = JSON.stringify(exposed);
  const at = code.indexOf(`${key}:async`);
  if (at < 0) return undefined;
  const found = /import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/.exec(code.slice(at, at + 2000));
  return found ? path.posix.normalize(/** @type {string} */ (found[1])) : undefined;
}

/**
 * A chunk and every chunk it imports statically (transitively), in load order; with `dynamic`,
 * also every chunk reachable through `import("./x.js")`.
 * @param {string} dist @param {string} start @param {boolean} dynamic
 */
function closure(dist, start, dynamic) {
  const seen = [];
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    if (seen.includes(file)) continue;
    seen.push(file);
    const code = fs.readFileSync(path.join(dist, file), 'utf8');
    // Static imports (`from"./x.js"`, `import"./x.js"`); `import("./x.js")` is lazy.
    for (const match of code.matchAll(/(?:from|import)\s*(\(\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
      if (match[1] && !dynamic) continue;
      queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), /** @type {string} */ (match[2]))));
    }
  }
  return seen;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Whether `version` satisfies `range`, for the ranges a build writes (`^1.2.3`, `~1.2.3`,
 * `1.2.3`, `>=1.2.3`, `*`). Anything else answers false: no plan, and the runtime — which
 * understands every range — decides in the browser.
 * @param {string} version @param {string | undefined} range
 */
export function satisfies(version, range) {
  if (range === undefined || range === '*' || range === '') return true;
  const parse = (/** @type {string} */ v) => /^(\d+)\.(\d+)\.(\d+)$/.exec(v)?.slice(1).map(Number);
  const have = parse(version);
  const m = /^(\^|~|>=)?(\d+\.\d+\.\d+)$/.exec(range.trim());
  const want = m ? parse(/** @type {string} */ (m[2])) : undefined;
  if (!have || !want || !m) return false;
  const cmp = have[0] - want[0] || have[1] - want[1] || have[2] - want[2];
  if (cmp < 0) return false;
  switch (m[1]) {
    case '>=': return true;
    case '~': return have[0] === want[0] && have[1] === want[1];
    case '^': return want[0] > 0 ? have[0] === want[0] : want[1] > 0 ? have[0] === 0 && have[1] === want[1] : cmp === 0;
    default: return cmp === 0;
  }
}
