export { ApiWiring } from './api-wiring.js';
export type { ApiWiringOptions } from './api-wiring.js';
export type { PageHooks } from './hooks.js';
export type { EarlyManifest } from './manifest.js';
export { createPageRuntime } from './page-runtime.js';
export type { PageRuntime, PageRuntimeInit } from './page-runtime.js';
