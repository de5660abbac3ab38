import { defineMfeConfig } from '@atrium/shared/vite';

export default defineMfeConfig({ name: 'markets', exposes: { './app': './src/app.ts' }, port: 5204 });
