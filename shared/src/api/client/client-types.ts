import type { Query } from '../cache/query.js';
import type { ApiTimeoutConfig, EndpointCacheConfig, HttpMethod } from '../config/api-config.js';
import type { QueryValue } from '../transport/url.js';
import type { ResponseValidator } from '../validation/validate-response.js';
import type { BodyOption, InitArgs, OperationOf, ParamsOption, PathsWithMethod, SuccessData } from './openapi-types.js';

/** Options every call accepts. */
export interface CallOptions<R> {
  /** Aborts this call (e.g. the MFE's mount signal); the call rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Extra headers. An `authorization` header is set by the layer, never by MFE code. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides of the API's time limits for this call. */
  readonly timeouts?: ApiTimeoutConfig;
  /** Checks the response at run time; failures reject with a `SchemaError`. */
  readonly validate?: ResponseValidator<R>;
  /** `'text'` returns the body as a string instead of parsing JSON. */
  readonly parseAs?: 'json' | 'text';
}

/** Options of reads (GET, HEAD). */
export interface ReadExtras {
  /** Freshness for this call, overriding the API's cache config; `false` skips the cache. */
  readonly cache?: EndpointCacheConfig | false;
  /** `false` sends this read even when an identical one is in flight. Default true. */
  readonly dedupe?: boolean;
}

/** Options of writes (POST, PUT, PATCH, DELETE). */
export interface WriteExtras {
  /**
   * Path prefixes of this API whose cached reads a success makes stale, e.g. `['/accounts']`.
   * The written path itself is always invalidated.
   */
  readonly invalidates?: readonly string[];
}

/** Options of a typed read of operation `Op`. */
export type ReadOptions<Op, R> = CallOptions<R> & ReadExtras & ParamsOption<Op>;

/** Options of a typed write of operation `Op`. */
export type WriteOptions<Op, R> = CallOptions<R> & WriteExtras & ParamsOption<Op> & BodyOption<Op>;

/** Options of {@link ApiClient.request}, the untyped escape hatch. */
export interface UntypedOptions<R> extends CallOptions<R>, ReadExtras, WriteExtras {
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly json?: unknown;
}

/** `paths` of an API whose OpenAPI types are not generated: any path, unknown data. */
export type UntypedPaths = Record<string, Record<'get' | 'put' | 'post' | 'delete' | 'patch' | 'head', unknown>>;

type Read<Paths, M extends 'get' | 'head'> = <P extends PathsWithMethod<Paths, M>, R = SuccessData<OperationOf<Paths, P, M>>>(
  path: P,
  ...init: InitArgs<ReadOptions<OperationOf<Paths, P, M>, R>>
) => Promise<R>;

type Write<Paths, M extends 'post' | 'put' | 'patch' | 'delete'> = <P extends PathsWithMethod<Paths, M>, R = SuccessData<OperationOf<Paths, P, M>>>(
  path: P,
  ...init: InitArgs<WriteOptions<OperationOf<Paths, P, M>, R>>
) => Promise<R>;

/**
 * One API, typed by its openapi-typescript `paths`. Paths, parameters, bodies and results are
 * checked at compile time; the token, retries, timeouts, dedupe and cache are handled inside.
 *
 * @example
 * ```ts
 * const account = await api.get('/accounts/{id}', { params: { path: { id } }, signal });
 * await api.post('/accounts', { json: { name: 'Savings' }, invalidates: ['/accounts'] });
 * ```
 */
export interface ApiClient<Paths = UntypedPaths> {
  /** The API's name in the config. */
  readonly name: string;
  readonly get: Read<Paths, 'get'>;
  readonly head: Read<Paths, 'head'>;
  readonly post: Write<Paths, 'post'>;
  readonly put: Write<Paths, 'put'>;
  readonly patch: Write<Paths, 'patch'>;
  readonly delete: Write<Paths, 'delete'>;
  /** A self-refreshing GET: loads on subscribe, refetches on reconnect, stops on abort. */
  query<P extends PathsWithMethod<Paths, 'get'>, R = SuccessData<OperationOf<Paths, P, 'get'>>>(
    path: P,
    ...init: InitArgs<ReadOptions<OperationOf<Paths, P, 'get'>, R>>
  ): Query<R>;
  /**
   * Any URL, untyped: for links the API returns (`next` pages). The token goes along only if
   * the URL has the API's origin.
   */
  request<R = unknown>(method: HttpMethod, url: string, options?: UntypedOptions<R>): Promise<R>;
  /** Drops this API's cached reads under a path prefix (default: all of them). */
  invalidate(prefix?: string): void;
}

/** A client per API name: `{ 'customer-api': ApiClient<customerPaths>, ... }`. */
export type ApiClients<PathsByApi> = { readonly [Name in keyof PathsByApi]: ApiClient<PathsByApi[Name]> };
