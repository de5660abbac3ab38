import { defineMfeConfig } from '@atrium/shared/vite';

// One federation container named like the manifest entry; the port is this MFE's in atrium.dev.json.
export default defineMfeConfig({ name: '__NAME__', exposes: { './app': './src/app.ts' }, port: __PORT__ });
