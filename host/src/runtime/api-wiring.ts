import type { ApiCache, ApiClients, GetAccessToken } from '@atrium/shared/api';
import { createLogger } from '@atrium/shared';
import { ConfigError, describeError } from '../errors.js';
import { lazyClients } from './lazy-clients.js';
import { callsPublicApi } from './public-apis.js';

const log = createLogger('host:api');

type ApiModule = typeof import('@atrium/shared/api');

export interface ApiWiringOptions {
  /** The `apis` section of the host config, validated by the API layer itself. */
  readonly config: unknown;
  readonly getAccessToken: GetAccessToken;
  /** DPoP proofs for APIs configured with `"dpop": true` (from the auth module). */
  readonly dpopProof?: ((request: { url: string; method: string; accessToken: string }) => Promise<string>) | undefined;
  readonly getUserKey: () => string | undefined;
  readonly onAuthFailure: () => void;
  readonly onConfigError: (error: ConfigError) => void;
}

/**
 * Gives each MFE mount its API clients. The layer (ky included) is a lazy chunk, downloaded on an
 * MFE's first call or once a user is signed in (signed-in pages call APIs) — never before first
 * content, and never on a page whose MFEs make no call.
 */
export class ApiWiring {
  readonly #options: ApiWiringOptions;
  readonly #names: readonly string[];
  #module: Promise<ApiModule> | undefined;
  #cache: ApiCache | undefined;

  constructor(options: ApiWiringOptions) {
    this.#options = options;
    const apis = options.config;
    this.#names = apis !== null && typeof apis === 'object' && !Array.isArray(apis) ? Object.keys(apis) : [];
  }

  /** Starts downloading the layer now (a user signed in); calls would otherwise fetch it. */
  warm(): void {
    if (this.#names.length > 0) this.#load().catch(() => undefined);
  }

  /**
   * Starts downloading the layer now when an MFE about to load declares it calls one of these
   * APIs at mount (manifest `apis`) and that API needs no sign-in: the layer then arrives with the
   * MFE's code instead of one round trip after its first call. An API that needs a signed-in
   * user waits for the sign-in (`warm`); a name the config does not declare is ignored.
   */
  warmFor(names: readonly string[]): void {
    if (callsPublicApi(this.#options.config, names)) this.warm();
  }

  /** The page's shared API cache, for sign-out; undefined until the layer is loaded. */
  get cache(): ApiCache | undefined {
    return this.#cache;
  }

  /**
   * Clients for one mount; calls abort with `signal`. Empty when no APIs are configured. `fetch`:
   * the MFE's own (telemetry records its requests), else the global one.
   */
  clientsFor(signal: AbortSignal, fetch?: typeof globalThis.fetch): ApiClients<Record<string, unknown>> | Record<string, never> {
    if (this.#names.length === 0) return {};
    return lazyClients(this.#names, async () => {
      const module = await this.#load();
      const cache = this.#cache as ApiCache;
      const { dpopProof } = this.#options;
      return module.createApiClients(this.#options.config as Parameters<ApiModule['createApiClients']>[0], {
        getAccessToken: this.#options.getAccessToken,
        ...(dpopProof ? { dpopProof } : {}),
        getUserKey: this.#options.getUserKey,
        onAuthFailure: () => this.#options.onAuthFailure(),
        cache,
        signal,
        ...(fetch ? { fetch } : {}),
      });
    });
  }

  #load(): Promise<ApiModule> {
    return (this.#module ??= import('@atrium/shared/api').then(
      (module) => this.#init(module),
      (error: unknown) => {
        log.error('the API layer could not be loaded', error);
        this.#module = undefined;
        throw new ConfigError(`the API layer could not be loaded (${describeError(error)}) — check the connection; the next call tries again`, { cause: error });
      },
    ));
  }

  #init(module: ApiModule): ApiModule {
    try {
      // Validated once, when first needed: a bad section fails that first call and is reported then.
      module.resolveApisOptions(this.#options.config as Parameters<ApiModule['resolveApisOptions']>[0]);
    } catch (error) {
      const failure = new ConfigError(`host config "apis": ${describeError(error)} — fix the apis section of atrium.config.json`, { cause: error });
      this.#options.onConfigError(failure);
      throw failure;
    }
    this.#cache = module.createApiCache();
    return module;
  }
}
