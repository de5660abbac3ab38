export { createFederation, PROVIDED_SHARED, sharedVersionPolicy } from './federation.js';
export { entryUrlFor, loadMfe, preloadEntry } from './load-mfe.js';
export type { LoadMfeOptions } from './load-mfe.js';
export { attachStylesheets, stylesheetUrls } from './styles.js';
export { preloadModule } from './preload.js';
