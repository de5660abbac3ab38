import { federation } from '@module-federation/vite';

/**
 * Versions the host provides as singletons. An MFE declares the same packages as shared so that
 * at run time it gets the host's one copy; its own copy is only a fallback for running alone.
 */
export const HOST_SINGLETONS = {
  'single-spa': { singleton: true, requiredVersion: '^6.0.3' },
  '@atrium/shared': { singleton: true, requiredVersion: '^0.1.0' },
  '@atrium/shared/api': { singleton: true, requiredVersion: '^0.1.0' },
};

/**
 * The Vite config every Atrium MFE builds with: one federation container named like its manifest
 * entry, a relative base so the built folder works from any URL it is deployed to, and the
 * Module Federation runtime taken from the host page (downloaded once per page, not per MFE).
 *
 * @param {import('./index.d.ts').MfeBuildOptions} options
 * @returns {import('vite').UserConfigFnObject}
 */
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
        shared: { ...HOST_SINGLETONS, ...shared },
        // Built remotes use the page's runtime (host or embed script); the dev server keeps its
        // own so the MFE also runs alone.
        experiments: { externalRuntime: command === 'build' },
      }),
    ],
    // One stylesheet per MFE, which nothing in the built code injects: Vite's own injection puts
    // CSS into document.head, outside a widget's shadow root (and into the CMS page around it).
    // The deploy step lists the file in the manifest entry's `css` (from mf-manifest.json) and
    // the host attaches it where the MFE renders: the document, or the widget's shadow root.
    build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false }, cssCodeSplit: false },
    server: { port, strictPort: true, cors: true, origin: `http://localhost:${port}` },
    preview: { port, strictPort: true, cors: true },
  });
}
