import fs from 'node:fs';
import { federation } from '@module-federation/vite';

// shared/src/versions.json in the workspace, versions.json next to vite/ in the built package.
const VERSIONS_FILE = [new URL('../src/versions.json', import.meta.url), new URL('../versions.json', import.meta.url)].find((url) => fs.existsSync(url));
if (VERSIONS_FILE === undefined) throw new Error('@atrium/shared/vite: versions.json is missing next to this preset — reinstall @atrium/shared');
/** @type {Record<string, string>} */
const VERSIONS = JSON.parse(fs.readFileSync(VERSIONS_FILE, 'utf8'));

/**
 * Versions the host provides as singletons, from the one declaration (shared/src/versions.json).
 * An MFE declares the same packages as shared so that at run time it gets the host's one copy;
 * its own copy is only a fallback for running alone.
 */
export const HOST_SINGLETONS = {
  'single-spa': { singleton: true, requiredVersion: `^${VERSIONS['single-spa']}` },
  '@atrium/shared': { singleton: true, requiredVersion: `^${VERSIONS['@atrium/shared']}` },
  '@atrium/shared/api': { singleton: true, requiredVersion: `^${VERSIONS['@atrium/shared']}` },
};

/**
 * The same packages for a build: the host always provides them (the shell, embed.js, and the
 * conformance check all do), so a built remote bundles no copy of its own (`import: false`).
 * That is what keeps an MFE to one file at boot: with a fallback to bundle, the plugin puts each
 * shared wrapper in a chunk of its own, and the fallbacks (single-spa, the API layer with ky)
 * are deployed and pinned for nothing. The dev server keeps them, so an MFE still runs alone.
 */
const PROVIDED_BY_HOST = Object.fromEntries(Object.entries(HOST_SINGLETONS).map(([name, config]) => [name, { ...config, import: false }]));

/**
 * The Vite config every Atrium MFE builds with: one federation container named like its manifest
 * entry, a relative base so the built folder works from any URL it is deployed to, and the
 * Module Federation runtime taken from the host page (downloaded once per page, not per MFE).
 *
 * @param {import('./index.d.ts').MfeBuildOptions} options
 * @returns {import('vite').UserConfigFnObject}
 */
/** The dev server's port for an MFE served (built) on `port`. */
export function devPort(port) {
  return port + 1000;
}

export function defineMfeConfig(options) {
  const { name, exposes, port, shared = {}, plugins = [], root } = options;
  return ({ command }) => ({
    root,
    // Relative: chunks resolve against the remote entry's own URL, wherever the folder is deployed.
    base: './',
    plugins: [
      ...plugins,
      federation({
        name,
        filename: 'remoteEntry.js',
        manifest: true,
        dts: false,
        exposes,
        shared: { ...(command === 'build' ? PROVIDED_BY_HOST : HOST_SINGLETONS), ...shared },
        // Built remotes use the page's runtime (host or embed script); the dev server keeps its
        // own so the MFE also runs alone.
        experiments: { externalRuntime: command === 'build' },
      }),
    ],
    // One stylesheet per MFE, which nothing in the built code injects: Vite's own injection puts
    // CSS into document.head, outside a widget's shadow root (and into the CMS page around it).
    // The deploy step lists the file in the manifest entry's `css` (from mf-manifest.json) and
    // the host attaches it where the MFE renders: the document, or the widget's shadow root.
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      cssCodeSplit: false,
      rolldownOptions: {
        // Only the federation container is deployed. The MFE's own index.html is for its dev
        // server; building it too splits the exposed module into an extra wrapper chunk that
        // the host only discovers one round trip late.
        input: {},
        output: {
          codeSplitting: {
            // The runtime glue (the runtime wrapper, the external-runtime shim, the share map,
            // rolldown's helpers) is a handful of tiny files that every remote loads at boot.
            // One file instead of five: over HTTP/1.1 a browser opens six connections per origin,
            // and each file past them costs a round trip.
            groups: [{ name: 'mf-runtime', test: /(@module-federation[\\/]runtime[\\/]|mf-external-runtime-core|localSharedImportMap|rolldown[\\/]runtime|\0rolldown)/, priority: 5 }],
          },
        },
      },
    },
    // The dev server runs beside the built MFE that `npm start` serves on `port`, so a team can
    // point a running host at it with an override (see README, "Overrides").
    server: { port: devPort(port), strictPort: true, cors: true, origin: `http://localhost:${devPort(port)}` },
    preview: { port, strictPort: true, cors: true },
  });
}
