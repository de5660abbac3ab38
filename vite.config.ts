import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { assertInstalledVersions } from './shared/scripts/versions.mjs';
import { eagerCompile } from './scripts/lib/compile-hints.mjs';
import { chunkMeta } from './scripts/lib/chunk-meta.mjs';
import { checksStamp } from './scripts/lib/checks-stamp.mjs';

// The host provides single-spa and @atrium/shared to MFEs at the versions declared once in
// shared/src/versions.json; refuse to build with other installed copies.
assertInstalledVersions();

// Builds the host. It uses the Module Federation runtime directly (host/src/loader) instead of
// the Vite plugin's host mode: the plugin's host bootstrap adds several chunks and round trips
// before the shell can run, and the host has no exposes of its own.
export default defineConfig({
  root: fileURLToPath(new URL('./host', import.meta.url)),
  base: '/',
  publicDir: 'public',
  // The shell's entry chunk is what runs before first content: compile it while it downloads.
  // single-spa is a chunk of its own, named in the page for boot graphs that need it at once.
  plugins: [eagerCompile(), chunkMeta({ 'single-spa': 'host/src/loader/single-spa-share.ts' })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  define: {
    // Remotes are loaded from remoteEntry.js URLs, never from snapshots (mf-manifest.json), so the
    // runtime's snapshot plugin is dead weight on the boot path. Remotes share this runtime.
    FEDERATION_OPTIMIZE_NO_SNAPSHOT_PLUGIN: 'true',
    // The stamp of the config and manifest checks (host/src/validation): a page the deploy step
    // stamped with it is not checked again in the browser.
    __ATRIUM_CHECKS__: JSON.stringify(checksStamp()),
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
});
