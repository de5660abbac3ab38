import type {
  ApiCacheConfig,
  ApiConfig,
  ApiRetryConfig,
  ApisConfig,
  EndpointCacheConfig,
  ResolvedApiAuth,
  ResolvedApiOptions,
  ResolvedApisOptions,
  ResolvedCachePolicy,
  ResolvedRetryPolicy,
} from './api-config.js';

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const DEFAULT_STATUS_CODES = [408, 429, 500, 502, 503, 504];
// JS timers overflow past 2^31-1 ms and fire at once; refuse such values instead.
const MAX_TIMER_MS = 2_147_483_647;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const NO_RETRY: ResolvedRetryPolicy = {
  limit: 0,
  methods: new Set(),
  statusCodes: new Set(),
  backoffMs: 0,
  maxBackoffMs: 0,
  maxRetryAfterMs: 0,
  onTimeout: false,
};

function duration(value: number | undefined, fallback: number, option: string, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_TIMER_MS) {
    throw new RangeError(`${option} must be a number of milliseconds between ${min} and ${MAX_TIMER_MS}, got ${String(value)}`);
  }
  return value;
}

function byteCount(value: number | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${option} must be a whole number of bytes, at least 1, got ${String(value)}`);
  return value;
}

function resolveDpop(name: string, dpop: unknown, auth: ApiConfig['auth']): boolean {
  if (dpop === undefined || dpop === false) return false;
  if (dpop !== true) throw new TypeError(`apis.${name}.dpop must be true or false, got ${JSON.stringify(dpop)}`);
  if (auth === undefined || auth === 'none') throw new TypeError(`apis.${name}.dpop needs auth: { type: 'oidc' }: a DPoP proof binds an access token, and this API sends none`);
  return true;
}

function resolveBaseUrl(name: string, baseUrl: unknown): URL {
  if (typeof baseUrl !== 'string') throw new TypeError(`apis.${name}.baseUrl must be a string`);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`apis.${name}.baseUrl must be an absolute URL, got '${baseUrl}'`);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  if (!secure) throw new TypeError(`apis.${name}.baseUrl must use https: (http: only for localhost), got '${baseUrl}'`);
  // Credentials, queries or fragments in a base URL would leak into every request; refuse them.
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new TypeError(`apis.${name}.baseUrl must not contain credentials, a query or a fragment`);
  }
  return url;
}

function resolveAuth(name: string, auth: ApiConfig['auth']): ResolvedApiAuth {
  if (auth === undefined || auth === 'none') return { type: 'none' };
  if (typeof auth !== 'object' || auth.type !== 'oidc') {
    throw new TypeError(`apis.${name}.auth must be 'none' or { type: 'oidc', ... }`);
  }
  const scopes = auth.scopes ?? [];
  if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string')) {
    throw new TypeError(`apis.${name}.auth.scopes must be an array of strings`);
  }
  return {
    type: 'oidc',
    scopes: [...scopes],
    ...(auth.audience === undefined ? {} : { audience: auth.audience }),
    ...(auth.resource === undefined ? {} : { resource: auth.resource }),
  };
}

function resolveRetry(name: string, retry: ApiRetryConfig | false | undefined): ResolvedRetryPolicy {
  if (retry === false) return NO_RETRY;
  const r = retry ?? {};
  const limit = r.limit ?? 2;
  if (!Number.isInteger(limit) || limit < 0 || limit > 10) {
    throw new RangeError(`apis.${name}.retry.limit must be an integer from 0 to 10, got ${String(limit)}`);
  }
  const methods = (r.methods ?? [...IDEMPOTENT]).map((m) => m.toUpperCase());
  for (const method of methods) {
    // A POST or PATCH sent twice can charge a card twice: never retried, whatever the config says.
    if (!IDEMPOTENT.has(method)) throw new RangeError(`apis.${name}.retry.methods may only list idempotent methods, got '${method}'`);
  }
  return {
    limit,
    methods: new Set(methods),
    statusCodes: new Set(r.statusCodes ?? DEFAULT_STATUS_CODES),
    backoffMs: duration(r.backoffMs, 300, `apis.${name}.retry.backoffMs`),
    maxBackoffMs: duration(r.maxBackoffMs, 5_000, `apis.${name}.retry.maxBackoffMs`),
    maxRetryAfterMs: duration(r.maxRetryAfterMs, 10_000, `apis.${name}.retry.maxRetryAfterMs`),
    onTimeout: r.onTimeout ?? true,
  };
}

function resolveFreshness(option: string, value: EndpointCacheConfig): EndpointCacheConfig {
  return {
    ttlMs: duration(value.ttlMs, 0, `${option}.ttlMs`),
    staleWhileRevalidateMs: duration(value.staleWhileRevalidateMs, 0, `${option}.staleWhileRevalidateMs`),
  };
}

function resolveCache(name: string, cache: ApiCacheConfig | false | undefined): ResolvedCachePolicy {
  if (cache === undefined || cache === false) return { defaults: undefined, endpoints: new Map() };
  const defaults = cache.ttlMs === undefined ? undefined : resolveFreshness(`apis.${name}.cache`, { ...cache, ttlMs: cache.ttlMs });
  const endpoints = new Map<string, EndpointCacheConfig | false>();
  for (const [path, value] of Object.entries(cache.endpoints ?? {})) {
    endpoints.set(path, value === false ? false : resolveFreshness(`apis.${name}.cache.endpoints['${path}']`, value));
  }
  return { defaults, endpoints };
}

/**
 * Validates one API's deploy-time config and applies defaults. Bad values throw a
 * `TypeError`/`RangeError` naming the option.
 *
 * @example
 * ```ts
 * const resolved = resolveApiOptions('customer-api', { baseUrl: 'https://api.example.com/v1' });
 * resolved.origin; // 'https://api.example.com'
 * ```
 */
export function resolveApiOptions(name: string, config: ApiConfig): ResolvedApiOptions {
  if (typeof config !== 'object' || config === null) throw new TypeError(`apis.${name} must be an object`);
  const base = resolveBaseUrl(name, config.baseUrl);
  const timeouts = config.timeouts ?? {};
  const attemptMs = duration(timeouts.attemptMs, 10_000, `apis.${name}.timeouts.attemptMs`, 1);
  const totalMs = duration(timeouts.totalMs, Math.max(30_000, attemptMs), `apis.${name}.timeouts.totalMs`, 1);
  return {
    name,
    baseUrl: base.href.replace(/\/+$/, ''),
    origin: base.origin,
    auth: resolveAuth(name, config.auth),
    timeouts: { attemptMs, totalMs },
    retry: resolveRetry(name, config.retry),
    cache: resolveCache(name, config.cache),
    maxErrorBodyBytes: byteCount(config.maxErrorBodyBytes, 65_536, `apis.${name}.maxErrorBodyBytes`),
    maxBodyBytes: byteCount(config.maxBodyBytes, 5 * 1024 * 1024, `apis.${name}.maxBodyBytes`),
    dpop: resolveDpop(name, config.dpop, config.auth),
  };
}

/**
 * Resolves every API of a config.
 *
 * @example
 * ```ts
 * const apis = resolveApisOptions({ 'customer-api': { baseUrl: 'https://api.example.com' } });
 * ```
 */
export function resolveApisOptions(config: ApisConfig): ResolvedApisOptions {
  if (typeof config !== 'object' || config === null) throw new TypeError('apis config must be an object keyed by API name');
  const resolved: Record<string, ResolvedApiOptions> = {};
  for (const [name, api] of Object.entries(config)) resolved[name] = resolveApiOptions(name, api);
  return Object.freeze(resolved);
}
