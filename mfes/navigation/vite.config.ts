import { defineMfeConfig } from '@atrium/shared/vite';

export default defineMfeConfig({ name: 'navigation', exposes: { './app': './src/app.ts' }, port: 5201 });
