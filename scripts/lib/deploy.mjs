import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bootPlan } from './boot-plan.mjs';

const BOOT_PRELOAD = fs.readFileSync(new URL('./boot-preload.js', import.meta.url), 'utf8')
  .split('\n').filter((line) => !line.trim().startsWith('//')).map((line) => line.trim()).join('');

/** The CSP source that allows the inlined boot preload script (add it to script-src). */
export const BOOT_PRELOAD_CSP = `'sha256-${crypto.createHash('sha256').update(BOOT_PRELOAD).digest('base64')}'`;

/**
 * The deploy step's shape checks (host/src/deploy, built for Node beside the shell it deploys:
 * host/dist/.node/checks.mjs, with the shell's stamp). Undefined before a build: nothing is
 * stamped then, and the browser checks everything itself. Loaded afresh when the file changed
 * (a rebuild while this process runs: `npm start` builds after importing this module).
 * @typedef {{ CHECKS_STAMP: string | undefined, passesConfigChecks(raw: unknown): boolean, passesManifestChecks(raw: unknown): boolean }} DeployChecks
 * @param {string} [file]
 * @returns {Promise<DeployChecks | undefined>}
 * @example const checks = await loadDeployChecks(); inlineDeployConfig(html, { config, manifest, checks });
 */
export async function loadDeployChecks(file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../host/dist/.node/checks.mjs')) {
  if (!fs.existsSync(file)) return undefined;
  return /** @type {DeployChecks} */ (await import(`${pathToFileURL(file).href}?${fs.statSync(file).mtimeMs}`));
}

/**
 * The host's deploy step: writes the deploy-time config (and optionally the manifest) into
 * index.html, so the shell needs no extra round trip for them and the JS bundle never changes.
 * What passes the shell's own schemas (`checks`, from {@link loadDeployChecks}) is stamped
 * `data-checked="<stamp>"`: the shell then does not check its shape again before first content
 * (no validator code on the boot path); what does not pass is left for the browser to check
 * and report, as before. `</script` inside the JSON is escaped so a value cannot close the tag.
 * @param {string} html built host index.html
 * @param {{ config: unknown, manifest?: unknown, bootPreload?: boolean, checks?: DeployChecks | undefined }} parts
 *   `bootPreload: false` leaves out the inline preload script: a resolver renders the page for
 *   its path instead (boot-graph.mjs); without `checks` nothing is stamped
 */
export function inlineDeployConfig(html, { config, manifest, bootPreload = true, checks }) {
  const json = (/** @type {unknown} */ value) => JSON.stringify(value).replace(/</g, '\\u003c');
  // A stamp only for what passed; a check that throws (a bug, not bad input) stamps nothing
  // rather than take the page down: the browser then checks it itself.
  const stamp = (/** @type {() => boolean} */ passes) => {
    if (!checks?.CHECKS_STAMP || !/^[\w-]+$/.test(checks.CHECKS_STAMP)) return '';
    try {
      return passes() ? ` data-checked="${checks.CHECKS_STAMP}"` : '';
    } catch {
      return '';
    }
  };
  let out = html.replace(/<script type="application\/json" id="atrium-config"[^>]*>[\s\S]*?<\/script>/, () => `<script type="application/json" id="atrium-config"${stamp(() => Boolean(checks?.passesConfigChecks(config)))}>${json(config)}</script>`);
  if (manifest !== undefined) {
    // With the manifest in the page, the remotes this URL needs can start downloading at once.
    out = out.replace(/<script type="application\/json" id="atrium-manifest"[^>]*>[\s\S]*?<\/script>/, () => `<script type="application/json" id="atrium-manifest"${stamp(() => Boolean(checks?.passesManifestChecks(manifest)))}>${json(manifest)}</script>${bootPreload ? `<script id="atrium-boot-preload">${BOOT_PRELOAD}</script>` : ''}`);
  }
  return out;
}

/**
 * The files an entry should preload: everything the browser will fetch to run the exposed
 * module, found by following the built files' imports from remoteEntry.js and the exposed
 * module's chunks — static imports, and dynamic imports of the exposed chunks and of the
 * `loadShare` wrappers. Shared fallbacks (`__prebuild__` and the like) are only reached through
 * other dynamic imports and stay out: the host provides those packages.
 * @param {any} mfManifest parsed mf-manifest.json
 * @param {string} exposed e.g. "./app"
 * @param {string} [dist] the built MFE folder; without it (a remote known only by URL, as in
 *   check-mfe) just the exposed module's files listed in mf-manifest.json
 * @returns {string[]} paths relative to remoteEntry.js
 */
export function preloadListFromMfManifest(mfManifest, exposed, dist) {
  const expose = (mfManifest.exposes ?? []).find((/** @type {any} */ e) => e.path === exposed);
  if (!expose) return [];
  const exposedFiles = [...(expose.assets?.js?.sync ?? []), ...(expose.assets?.js?.async ?? [])];
  if (!dist) return [...new Set(exposedFiles)].filter((file) => !file.includes('__prebuild__'));
  const wanted = new Set(exposedFiles.map((file) => path.posix.normalize(file)));
  const seen = new Set();
  const queue = ['remoteEntry.js', ...wanted];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    if (seen.has(file) || file.includes('__prebuild__')) continue;
    seen.add(file);
    let code;
    try {
      code = fs.readFileSync(path.join(dist, file), 'utf8');
    } catch {
      continue;
    }
    for (const match of code.matchAll(/(?:from|import)\s*(\()?\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), /** @type {string} */ (match[2])));
      const dynamic = Boolean(match[1]);
      if (!dynamic || wanted.has(target) || target.includes('__loadShare__')) queue.push(target);
    }
  }
  seen.delete('remoteEntry.js');
  return [...seen];
}
/**
 * The stylesheets of an exposed module, from the remote's mf-manifest.json, for the manifest
 * entry's `css`: the host attaches them where the MFE renders (document or shadow root), because
 * the built remote does not inject its own CSS (see shared/vite).
 * @param {any} mfManifest parsed mf-manifest.json
 * @param {string} exposed e.g. "./app"
 * @returns {string[]}
 */
export function cssListFromMfManifest(mfManifest, exposed) {
  const expose = (mfManifest.exposes ?? []).find((/** @type {any} */ e) => e.path === exposed);
  return [...new Set([...(expose?.assets?.css?.sync ?? []), ...(expose?.assets?.css?.async ?? [])])];
}

/**
 * What a manifest entry says about loading an exposed module, from the built folder: the
 * deploy-time plan (`boot`, see boot-plan.mjs) and the files the first load fetches (`preload`),
 * or — for a remote without a plan — the files the runtime path fetches; and its stylesheets.
 * One function for every deploy path (`npm start`, the suites, `atrium publish`).
 * @param {string} dist the built MFE folder
 * @param {string} exposed e.g. "./app"
 * @param {{ plan?: boolean }} [options] `plan: false`: no plan, the runtime path (tests of that path)
 * @returns {{ boot?: { module: string, shares: string[], lazy?: string[] }, preload?: string[], css?: string[], planless?: string }}
 *   `planless`: why there is no plan, for the deploy log
 */
export function loadingFields(dist, exposed, options = {}) {
  const mfManifestFile = path.join(dist, 'mf-manifest.json');
  const mfManifest = fs.existsSync(mfManifestFile) ? JSON.parse(fs.readFileSync(mfManifestFile, 'utf8')) : undefined;
  const css = mfManifest ? cssListFromMfManifest(mfManifest, exposed) : [];
  const found = options.plan === false ? { reason: 'turned off for this entry' } : bootPlan(dist, exposed);
  const preload = 'plan' in found ? found.plan.files.slice(1) : mfManifest ? preloadListFromMfManifest(mfManifest, exposed, dist) : [];
  return {
    ...('plan' in found ? { boot: { module: found.plan.module, shares: found.plan.shares, ...(found.plan.lazy.length ? { lazy: found.plan.lazy } : {}) } } : { planless: found.reason }),
    ...(preload.length ? { preload } : {}),
    ...(css.length ? { css } : {}),
  };
}
