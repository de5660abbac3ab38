import crypto from 'node:crypto';
import fs from 'node:fs';

const BOOT_PRELOAD = fs.readFileSync(new URL('./boot-preload.js', import.meta.url), 'utf8')
  .split('\n').filter((line) => !line.trim().startsWith('//')).map((line) => line.trim()).join('');

/** The CSP source that allows the inlined boot preload script (add it to script-src). */
export const BOOT_PRELOAD_CSP = `'sha256-${crypto.createHash('sha256').update(BOOT_PRELOAD).digest('base64')}'`;

/**
 * The host's deploy step: writes the deploy-time config (and optionally the manifest) into
 * index.html, so the shell needs no extra round trip for them and the JS bundle never changes.
 * `</script` inside the JSON is escaped so a value cannot close the tag.
 * @param {string} html built host index.html
 * @param {{ config: unknown, manifest?: unknown }} parts
 */
export function inlineDeployConfig(html, { config, manifest }) {
  const json = (/** @type {unknown} */ value) => JSON.stringify(value).replace(/</g, '\\u003c');
  let out = html.replace(/<script type="application\/json" id="atrium-config">[\s\S]*?<\/script>/, `<script type="application/json" id="atrium-config">${json(config)}</script>`);
  if (manifest !== undefined) {
    // With the manifest in the page, the remotes this URL needs can start downloading at once.
    out = out.replace(/<script type="application\/json" id="atrium-manifest">[\s\S]*?<\/script>/, `<script type="application/json" id="atrium-manifest">${json(manifest)}</script><script id="atrium-boot-preload">${BOOT_PRELOAD}</script>`);
  }
  return out;
}

/**
 * The files an entry should preload: the exposed module's chunks from the remote's
 * mf-manifest.json, minus shared fallbacks (the host provides those).
 * @param {any} mfManifest parsed mf-manifest.json
 * @param {string} exposed e.g. "./app"
 * @returns {string[]}
 */
export function preloadListFromMfManifest(mfManifest, exposed) {
  const expose = (mfManifest.exposes ?? []).find((/** @type {any} */ e) => e.path === exposed);
  if (!expose) return [];
  return [...new Set([...(expose.assets?.js?.sync ?? []), ...(expose.assets?.js?.async ?? [])])].filter((file) => !file.includes('__prebuild__'));
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
