import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { checksStamp } from '../scripts/lib/checks-stamp.mjs';

// Builds the deploy step's checks (host/src/deploy) for Node into host/dist/.node/checks.mjs, after
// the shell: the same schemas, with the same stamp as the shell built beside it. The resolver and
// the static deploy step stamp what passes (scripts/lib/deploy.mjs). A dot-folder: never served.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/.node',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    ssr: fileURLToPath(new URL('./src/deploy/index.ts', import.meta.url)),
    rolldownOptions: { output: { entryFileNames: 'checks.mjs' } },
  },
  // One self-contained file: the deploy step may run from a copy without node_modules.
  ssr: { noExternal: true },
  define: { __ATRIUM_CHECKS__: JSON.stringify(checksStamp()) },
});
