import { defineMfeConfig } from '@atrium/shared/vite';

export default defineMfeConfig({ name: 'accounts', exposes: { './app': './src/app.ts' }, port: 5202 });
