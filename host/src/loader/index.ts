export { createFederation, PROVIDED_SHARED, sharedVersionPolicy } from './federation.js';
export { entryUrlFor, loadMfe, preloadEntry } from './load-mfe.js';
export { preloadModule } from './preload.js';
export { StepTimeout, withTimeout } from './timeout.js';
