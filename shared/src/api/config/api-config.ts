/** HTTP methods the typed client speaks. */
export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'DELETE' | 'OPTIONS' | 'POST' | 'PATCH';

/** Methods that may be sent twice without a second effect; the only ones retried automatically. */
export type IdempotentMethod = 'GET' | 'HEAD' | 'PUT' | 'DELETE' | 'OPTIONS';

/** How the API is authenticated. `'none'` sends no Authorization header at all. */
export type ApiAuthConfig =
  | 'none'
  | {
      readonly type: 'oidc';
      /** The token audience (`aud`) the API expects. */
      readonly audience?: string;
      /** The resource indicator (RFC 8707), when the provider uses those instead of audiences. */
      readonly resource?: string;
      readonly scopes?: readonly string[];
    };

/** Time limits in milliseconds. */
export interface ApiTimeoutConfig {
  /** One network attempt, from sending to the end of the body. Default 10 000. */
  readonly attemptMs?: number;
  /** The whole call: every attempt and every wait between them. Default 30 000. */
  readonly totalMs?: number;
}

/** When and how idempotent calls are retried. POST and PATCH are never retried. */
export interface ApiRetryConfig {
  /** Retries after the first attempt. Default 2. */
  readonly limit?: number;
  /** Which idempotent methods are retried. Default all of them. */
  readonly methods?: readonly IdempotentMethod[];
  /** Statuses worth retrying. Default 408, 429, 500, 502, 503, 504. */
  readonly statusCodes?: readonly number[];
  /** First backoff step; doubles per retry, with full jitter. Default 300. */
  readonly backoffMs?: number;
  /** Largest backoff step. Default 5 000. */
  readonly maxBackoffMs?: number;
  /** Longest wait a `Retry-After` header may impose; longer ones are cut to this. Default 10 000. */
  readonly maxRetryAfterMs?: number;
  /** Retry an attempt that timed out. Default true. */
  readonly onTimeout?: boolean;
}

/** Freshness of one endpoint's cached reads. */
export interface EndpointCacheConfig {
  /** Served from cache without asking the API. */
  readonly ttlMs: number;
  /** After `ttlMs`, served from cache while a background refresh runs. Default 0. */
  readonly staleWhileRevalidateMs?: number;
}

/** Caching of GET responses; off unless configured. */
export interface ApiCacheConfig extends Partial<EndpointCacheConfig> {
  /** Per path template (`/accounts/{id}`): its own freshness, or `false` to never cache it. */
  readonly endpoints?: Readonly<Record<string, EndpointCacheConfig | false>>;
}

/** One API as the deploy-time config describes it. */
export interface ApiConfig {
  /** Absolute `https:` URL (`http:` only for localhost) that the OpenAPI paths are relative to. */
  readonly baseUrl: string;
  /** Default `'none'`. */
  readonly auth?: ApiAuthConfig;
  readonly timeouts?: ApiTimeoutConfig;
  /** `false` disables retries. */
  readonly retry?: ApiRetryConfig | false;
  /** `false` (the default) disables the shared cache for this API. */
  readonly cache?: ApiCacheConfig | false;
  /** Most bytes read from an error body; the rest is dropped and the body marked truncated. Default 65 536. */
  readonly maxErrorBodyBytes?: number;
  /**
   * Largest success body accepted, in bytes. A larger one (by Content-Length, or counted while
   * streaming) fails the call with an `ApiError`, is read no further and never cached.
   * Default 5 MB (5 242 880).
   */
  readonly maxBodyBytes?: number;
  /**
   * Sender-constrained tokens (RFC 9449): send `Authorization: DPoP <token>` and a fresh `DPoP`
   * proof per attempt, made by the host's `dpopProof`. Needs `auth: { type: 'oidc' }`. Default false.
   */
  readonly dpop?: boolean;
}

/** Every API by name, e.g. `{ 'customer-api': {...}, 'third-party-api': {...} }`. */
export type ApisConfig = Readonly<Record<string, ApiConfig>>;

/** {@link ApiAuthConfig} after defaults: always an object. */
export type ResolvedApiAuth =
  | { readonly type: 'none' }
  | { readonly type: 'oidc'; readonly audience?: string; readonly resource?: string; readonly scopes: readonly string[] };

/** {@link ApiRetryConfig} after defaults. */
export interface ResolvedRetryPolicy {
  readonly limit: number;
  readonly methods: ReadonlySet<string>;
  readonly statusCodes: ReadonlySet<number>;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly maxRetryAfterMs: number;
  readonly onTimeout: boolean;
}

/** {@link ApiCacheConfig} after defaults; `undefined` freshness means "not cached by default". */
export interface ResolvedCachePolicy {
  readonly defaults: EndpointCacheConfig | undefined;
  readonly endpoints: ReadonlyMap<string, EndpointCacheConfig | false>;
}

/** One API, validated, with every default applied. */
export interface ResolvedApiOptions {
  readonly name: string;
  /** `baseUrl` without a trailing slash. */
  readonly baseUrl: string;
  /** The only origin an access token is ever sent to. */
  readonly origin: string;
  readonly auth: ResolvedApiAuth;
  readonly timeouts: { readonly attemptMs: number; readonly totalMs: number };
  readonly retry: ResolvedRetryPolicy;
  readonly cache: ResolvedCachePolicy;
  readonly maxErrorBodyBytes: number;
  readonly maxBodyBytes: number;
  readonly dpop: boolean;
}

/** Every API, resolved. */
export type ResolvedApisOptions = Readonly<Record<string, ResolvedApiOptions>>;
