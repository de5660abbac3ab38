import { createLogger } from '../../logger/logger.js';
import { ApiCache } from '../cache/api-cache.js';
import type { ApisConfig } from '../config/api-config.js';
import { resolveApisOptions } from '../config/resolve-api-options.js';
import type { AuthError } from '../../errors/api-errors.js';
import { tokenSourceFor } from '../token/token-source.js';
import type { DpopProof, GetAccessToken } from '../token/token-source.js';
import { createApiClient } from './api-client.js';
import type { ApiClient, ApiClients, UntypedPaths } from './client-types.js';

/** What the host (or an MFE running alone) hands to {@link createApiClients}. */
export interface CreateApiClientsOptions {
  /** From the auth module; required when any API uses `auth: { type: 'oidc' }`. */
  readonly getAccessToken?: GetAccessToken;
  /** From the auth module; required when any API sets `dpop: true`. Asked for a fresh proof per attempt. */
  readonly dpopProof?: DpopProof;
  /** Called once per refused token when an API refuses it also after a refresh: show "sign in again". */
  readonly onAuthFailure?: (error: AuthError) => void;
  /** The page's one shared cache; without it these clients share dedupe and cache only among themselves. */
  readonly cache?: ApiCache;
  /** The signed-in user (e.g. the `sub` claim); separates cached data per user. Default `'anonymous'`. */
  readonly getUserKey?: () => string | undefined;
  /** Aborts every call of these clients, e.g. the MFE's mount signal. */
  readonly signal?: AbortSignal;
  /** A `fetch` to use instead of the global one (instrumentation, tests). */
  readonly fetch?: typeof globalThis.fetch;
}

const log = createLogger('shared:api');

/**
 * A client per configured API. The host calls it once per MFE (with that MFE's mount signal and
 * the page's shared cache) and passes the result in the lifecycle props; an MFE on its own dev
 * server or an embedded widget calls it the same way with its own options.
 *
 * `PathsByApi` maps API names to openapi-typescript `paths` types; the config must contain every
 * name it lists (the config comes at deploy time, so this cannot be checked at compile time).
 *
 * @example
 * ```ts
 * import type { paths as CustomerPaths } from '@atrium/shared/api-types/customer-api';
 * const apis = createApiClients<{ 'customer-api': CustomerPaths }>(config, {
 *   getAccessToken: (api, req) => auth.getAccessToken(api, req),
 *   onAuthFailure: () => shell.showSignIn(),
 *   cache, getUserKey: () => auth.user?.sub, signal: props.signal,
 * });
 * const account = await apis['customer-api'].get('/accounts/{id}', { params: { path: { id } } });
 * ```
 */
export function createApiClients<PathsByApi extends Record<string, unknown> = Record<string, UntypedPaths>>(
  config: ApisConfig,
  options: CreateApiClientsOptions = {},
): ApiClients<PathsByApi> {
  const resolved = resolveApisOptions(config);
  const cache = options.cache ?? new ApiCache();
  const getUserKey = (): string => options.getUserKey?.() ?? 'anonymous';
  const clients: Record<string, ApiClient<unknown>> = {};
  for (const api of Object.values(resolved)) {
    let tokens;
    if (api.auth.type === 'oidc') {
      if (options.getAccessToken === undefined) throw new TypeError(`getAccessToken is required: API '${api.name}' uses OIDC auth`);
      tokens = tokenSourceFor(api.name, api.auth, options.getAccessToken);
    }
    if (api.dpop && options.dpopProof === undefined) throw new TypeError(`dpopProof is required: API '${api.name}' sets dpop: true`);
    const context = { api, tokens, dpopProof: api.dpop ? options.dpopProof : undefined, onAuthFailure: options.onAuthFailure, fetch: options.fetch, log };
    clients[api.name] = createApiClient({ context, cache, getUserKey, signal: options.signal });
  }
  return Object.freeze(clients) as ApiClients<PathsByApi>;
}
