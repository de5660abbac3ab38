import react from '@vitejs/plugin-react';
import { defineMfeConfig } from '@atrium/shared/vite';

// React stays private to this MFE: no other MFE uses it, so sharing it would only add a round trip.
export default defineMfeConfig({ name: 'insights', exposes: { './app': './src/app.tsx' }, port: 5203, plugins: [react()] });
