import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests next to the code, and e2e suites that drive real Chromium
// against real servers on their own ports (they start and stop those servers themselves).
export default defineConfig({
  test: {
    projects: [
      {
        // The checks' stamp a build sets (scripts/lib/checks-stamp.mjs); tests use a fixed one.
        define: { __ATRIUM_CHECKS__: JSON.stringify('unit-test-stamp') },
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'host/src/**/*.test.ts', 'mfes/*/src/**/*.test.ts', 'servers/**/*.test.ts', 'scripts/**/*.test.ts', 'cli/src/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'happy-dom',
          typecheck: { enabled: true, include: ['shared/src/**/*.test-d.ts', 'host/src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
