import type { Plugin } from 'vite';

/** Names the chunk built from each source in the built page: `<meta name="atrium:<key>" content="<chunk URL>">`. */
export function chunkMeta(sources: Readonly<Record<string, string>>): Plugin;
