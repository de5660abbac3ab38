// federation.js is not re-exported: it is the lazy chunk with the Module Federation runtime.
export { acceptBootModules, bootGraphRan, inBootGraph } from './boot-graph.js';
export { PROVIDED_SHARED, provideShares } from './shares.js';
export type { ProvidedPackage } from './shares.js';
export { entryUrlFor, loadMfe, preloadEntry } from './load-mfe.js';
export type { FederationSource, LoadMfeOptions } from './load-mfe.js';
export { attachStylesheets, stylesheetUrls } from './styles.js';
export { preloadModule } from './preload.js';
export { loadOnce } from './load-once.js';
export { singleSpa, singleSpaNow } from './single-spa.js';
export type { SingleSpa } from './single-spa.js';
