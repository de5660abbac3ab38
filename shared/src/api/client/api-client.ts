import type { ApiCache } from '../cache/api-cache.js';
import type { ReadKey } from '../cache/cache-keys.js';
import { createQuery } from '../cache/query.js';
import type { Query } from '../cache/query.js';
import type { EndpointCacheConfig, HttpMethod } from '../config/api-config.js';
import { execute } from '../transport/execute.js';
import type { ExecuteContext } from '../transport/execute.js';
import { schemaError } from '../../errors/api-failures.js';
import { buildUrl, pathUnderBase } from '../transport/url.js';
import type { QueryValue } from '../transport/url.js';
import { validateResponse } from '../validation/validate-response.js';
import type { ApiClient, UntypedOptions } from './client-types.js';

/** What a client needs besides its API's options. */
export interface ApiClientDeps {
  readonly context: ExecuteContext;
  readonly cache: ApiCache;
  readonly getUserKey: () => string;
  /** Aborts every call of this client (the MFE's mount signal). */
  readonly signal: AbortSignal | undefined;
}

interface RuntimeParams {
  readonly path?: Readonly<Record<string, unknown>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly header?: Readonly<Record<string, unknown>>;
}

/** The options of any call once the typing is gone. */
type RuntimeOptions = UntypedOptions<unknown> & { readonly params?: RuntimeParams };

interface Call {
  readonly method: HttpMethod;
  /** The path template (`/accounts/{id}`) or the URL as the caller gave it. */
  readonly template: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly options: RuntimeOptions;
  readonly signals: readonly AbortSignal[];
}

/**
 * The run-time side of {@link ApiClient}: one instance per API per client set; the types of
 * `client-types.ts` sit on top of these string-typed methods.
 */
class ApiClientRuntime {
  readonly name: string;
  readonly #deps: ApiClientDeps;

  constructor(deps: ApiClientDeps) {
    this.#deps = deps;
    this.name = deps.context.api.name;
  }

  readonly get = (path: string, options: RuntimeOptions = {}): Promise<unknown> => this.#read(this.#call('GET', path, options), false);
  readonly head = (path: string, options: RuntimeOptions = {}): Promise<unknown> => this.#read(this.#call('HEAD', path, options), false);
  readonly post = (path: string, options: RuntimeOptions = {}): Promise<unknown> => this.#write(this.#call('POST', path, options));
  readonly put = (path: string, options: RuntimeOptions = {}): Promise<unknown> => this.#write(this.#call('PUT', path, options));
  readonly patch = (path: string, options: RuntimeOptions = {}): Promise<unknown> => this.#write(this.#call('PATCH', path, options));
  readonly delete = (path: string, options: RuntimeOptions = {}): Promise<unknown> => this.#write(this.#call('DELETE', path, options));

  request(method: HttpMethod, url: string, options: UntypedOptions<unknown> = {}): Promise<unknown> {
    const call = this.#call(method, url, { ...options, params: options.query === undefined ? {} : { query: options.query } });
    return method === 'GET' || method === 'HEAD' ? this.#read(call, false) : this.#write(call);
  }

  query(path: string, options: RuntimeOptions = {}): Query<unknown> {
    const { signal } = options;
    return createQuery(
      (loadSignal, force) => this.#read(this.#call('GET', path, { ...options, signal: loadSignal }), force),
      this.#deps.cache,
      signal ?? this.#deps.signal,
    );
  }

  invalidate(prefix = '/'): void {
    this.#deps.cache.invalidate(this.name, prefix);
  }

  #call(method: HttpMethod, template: string, options: RuntimeOptions): Call {
    const { params } = options;
    const url = buildUrl(this.#deps.context.api.baseUrl, template, params?.path, params?.query);
    const signals: AbortSignal[] = [];
    if (this.#deps.signal !== undefined) signals.push(this.#deps.signal);
    if (options.signal !== undefined) signals.push(options.signal);
    return { method, template, url, headers: mergeHeaders(options.headers, params?.header), options, signals };
  }

  async #read(call: Call, force: boolean): Promise<unknown> {
    const { options } = call;
    const shareable = call.method === 'GET' && options.dedupe !== false && call.headers === undefined && options.parseAs !== 'text';
    if (!shareable) return this.#validate(call, await this.#send(call, call.signals));
    const key: ReadKey = { userKey: this.#deps.getUserKey(), apiName: this.name, url: call.url, path: pathUnderBase(this.#deps.context.api.baseUrl, call.url) };
    const freshness = this.#freshness(call.template, options.cache);
    const { cache } = this.#deps;
    if (freshness !== undefined && !force) {
      const hit = cache.lookup(key);
      if (hit?.state === 'stale') void this.#fetchShared(call, key, freshness, []).catch(() => undefined);
      if (hit !== undefined) return this.#validate(call, hit.data);
    }
    return this.#validate(call, await this.#fetchShared(call, key, freshness, call.signals));
  }

  #fetchShared(call: Call, key: ReadKey, freshness: EndpointCacheConfig | undefined, signals: readonly AbortSignal[]): Promise<unknown> {
    const { cache } = this.#deps;
    return cache.share(
      key,
      async (sharedSignal) => {
        const stamp = cache.stamp(key);
        const data = await this.#send(call, [sharedSignal]);
        if (freshness !== undefined) cache.store(key, data, freshness, stamp);
        return data;
      },
      signals,
    );
  }

  async #write(call: Call): Promise<unknown> {
    const data = await this.#send(call, call.signals);
    const { api } = this.#deps.context;
    this.#deps.cache.invalidate(this.name, pathUnderBase(api.baseUrl, call.url));
    for (const prefix of call.options.invalidates ?? []) this.#deps.cache.invalidate(this.name, prefix);
    return this.#validate(call, data);
  }

  #send(call: Call, signals: readonly AbortSignal[]): Promise<unknown> {
    const { api } = this.#deps.context;
    const timeouts = call.options.timeouts;
    return execute(this.#deps.context, {
      method: call.method,
      url: call.url,
      headers: call.headers,
      json: call.options.json,
      signals,
      attemptMs: timeouts?.attemptMs ?? api.timeouts.attemptMs,
      totalMs: timeouts?.totalMs ?? api.timeouts.totalMs,
      parseAs: call.options.parseAs ?? 'json',
    });
  }

  async #validate(call: Call, data: unknown): Promise<unknown> {
    const validator = call.options.validate;
    if (validator === undefined) return data;
    const outcome = await validateResponse(validator, data);
    if (outcome.ok) return outcome.value;
    throw schemaError({ apiName: this.name, method: call.method, url: call.url }, outcome.issues, 'data its validator rejected');
  }

  #freshness(template: string, override: EndpointCacheConfig | false | undefined): EndpointCacheConfig | undefined {
    if (override === false) return undefined;
    if (override !== undefined) return override;
    const policy = this.#deps.context.api.cache;
    const endpoint = policy.endpoints.get(template);
    if (endpoint === false) return undefined;
    return endpoint ?? policy.defaults;
  }
}

function mergeHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  paramHeaders: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (paramHeaders === undefined) return headers;
  const merged: Record<string, string> = { ...headers };
  for (const [name, value] of Object.entries(paramHeaders)) if (value !== undefined && value !== null) merged[name] = String(value);
  return merged;
}

/**
 * One typed client for one API. Most code wants {@link createApiClients}; this is the piece for
 * a single API.
 *
 * @example
 * ```ts
 * const api = createApiClient<paths>({ context, cache, getUserKey: () => 'anonymous', signal: undefined });
 * ```
 */
export function createApiClient<Paths>(deps: ApiClientDeps): ApiClient<Paths> {
  // The typed surface is a compile-time view of the runtime's string-typed methods.
  return new ApiClientRuntime(deps) as unknown as ApiClient<Paths>;
}
