export { ApiCache, createApiCache } from './api-cache.js';
export type { ApiCacheOptions, CachedState, CachedValue, CacheStamp } from './api-cache.js';
export { isUnderPrefix, serializeKey } from './cache-keys.js';
export type { ReadKey, UserKey } from './cache-keys.js';
export { createQuery } from './query.js';
export type { Query, QueryLoader, QueryState, QueryStatus } from './query.js';
