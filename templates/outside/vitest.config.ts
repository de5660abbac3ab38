import { defineConfig } from 'vitest/config';

// Unit tests run the lifecycles in a simulated DOM, without the federation build (vite.config.ts).
export default defineConfig({ test: { environment: 'happy-dom', include: ['src/**/*.test.ts'] } });
