export { entryShape, formatProblem, parseManifest } from './parse.js';
export type { ManifestPolicy, ManifestProblem, ManifestResult, ParseOptions, ResolvedEntry } from './parse.js';
export { readManifest } from './read.js';
export type { ManifestSource } from './read.js';
