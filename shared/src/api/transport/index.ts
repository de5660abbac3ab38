export { execute } from './execute.js';
export type { ExecuteContext, ExecuteSpec } from './execute.js';
export { parseRetryAfter, retryDelay } from './retry-delay.js';
export { isJsonContentType, readCapped } from './read-body.js';
export type { CappedBody } from './read-body.js';
export { buildUrl, pathUnderBase } from './url.js';
export type { QueryValue } from './url.js';
