import { defineMfeConfig } from '@atrium/shared/vite';

// One federation container, named like the MFE's manifest entry. `port` is where `vite preview`
// serves the build; the dev server (`atrium dev`, `npm run dev`) listens on port + 1000.
export default defineMfeConfig({ name: '__NAME__', exposes: { './app': './src/app.ts' }, port: __PORT__ });
