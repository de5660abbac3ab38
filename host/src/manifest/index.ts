export { formatProblem, parseManifest } from './parse.js';
export type { ManifestPolicy, ManifestProblem, ManifestResult, ResolvedEntry } from './parse.js';
export { checkRemoteUrl, isUrlRefusal, normalizeOrigin } from './url-policy.js';
export { readManifest } from './read.js';
