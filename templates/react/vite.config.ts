import react from '@vitejs/plugin-react';
import { defineMfeConfig } from '@atrium/shared/vite';

// One federation container, named like the MFE's manifest entry. React stays private to this MFE
// (not shared): the host does not provide it. `port` is where `vite preview` serves the build; the
// dev server (`atrium dev`, `npm run dev`) listens on port + 1000.
export default defineMfeConfig({ name: '__NAME__', exposes: { './app': './src/app.tsx' }, port: __PORT__, plugins: [react()] });
