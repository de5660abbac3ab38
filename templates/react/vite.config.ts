import react from '@vitejs/plugin-react';
import { defineMfeConfig } from '@atrium/shared/vite';

// React stays private to this MFE (not shared): the host does not provide it. The port is this
// MFE's in atrium.dev.json.
export default defineMfeConfig({ name: '__NAME__', exposes: { './app': './src/app.tsx' }, port: __PORT__, plugins: [react()] });
