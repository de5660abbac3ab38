import type { Plugin } from 'vite';

/** Puts V8's `//# allFunctionsCalledOnLoad` hint at the top of the selected chunks (default: entry chunks). */
export function eagerCompile(select?: (chunk: { readonly isEntry: boolean; readonly name: string }) => boolean): Plugin;
