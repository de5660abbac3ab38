import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bench's anchor: the navigation and accounts MFEs and the host's layout as ONE plain Vite
// bundle (no federation, no single-spa), built with the same target and no preload polyfill as
// the host, so the only difference left is the micro-frontend machinery.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
