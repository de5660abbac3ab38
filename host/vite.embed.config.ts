import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { eagerCompile } from '../scripts/lib/compile-hints.mjs';

// Builds embed.js, the one script a CMS page includes, into the host's dist (so the host's origin
// serves it), after the host build. Its name is stable (embed.js, revalidated on every load);
// everything it loads is a content-hashed chunk under assets/ (cached forever).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative: chunks resolve against embed.js's own URL, never against the CMS page's origin.
  base: './',
  publicDir: false,
  // embed.js and the widget host run at once on a CMS page: compile them while they download.
  plugins: [eagerCompile((chunk) => chunk.isEntry || chunk.name === 'widgets')],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      input: { embed: fileURLToPath(new URL('./src/embed/embed.ts', import.meta.url)) },
      output: {
        entryFileNames: 'embed.js',
        chunkFileNames: 'assets/embed-[name]-[hash].js',
        assetFileNames: 'assets/embed-[name]-[hash][extname]',
      },
    },
  },
  define: {
    // As for the host: remotes load from remoteEntry.js URLs, so the snapshot plugin is dead weight.
    FEDERATION_OPTIMIZE_NO_SNAPSHOT_PLUGIN: 'true',
  },
});
