import type { ApiCache, ApiClients, GetAccessToken } from '@atrium/shared/api';
import { createLogger } from '@atrium/shared';
import { ConfigError, describeError } from '../errors.js';

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
 * Gives each MFE mount its API clients. The layer (ky included) is a lazy chunk: it starts
 * downloading at boot, in parallel with the remotes, and only when the config declares APIs.
 */
export class ApiWiring {
  readonly #options: ApiWiringOptions;
  readonly #module: Promise<ApiModule | undefined>;
  #loaded: ApiModule | undefined;
  #cache: ApiCache | undefined;

  constructor(options: ApiWiringOptions) {
    this.#options = options;
    this.#module =
      options.config === undefined
        ? Promise.resolve(undefined)
        : import('@atrium/shared/api').then(
            (module) => this.#init(module),
            (error: unknown) => {
              log.error('the API layer could not be loaded', error);
              return undefined;
            },
          );
  }

  /** Resolves when clients can be created (awaited before an MFE mounts). */
  async ready(): Promise<void> {
    await this.#module;
  }

  /** The page's shared API cache, for sign-out. */
  get cache(): ApiCache | undefined {
    return this.#cache;
  }

  /** Clients for one mount; calls abort with `signal`. Empty when no APIs are configured. */
  clientsFor(signal: AbortSignal): ApiClients<Record<string, unknown>> | Record<string, never> {
    const module = this.#loaded;
    const cache = this.#cache;
    if (!module || !cache) return {};
    const { dpopProof } = this.#options;
    return module.createApiClients(this.#options.config as Parameters<ApiModule['createApiClients']>[0], {
      getAccessToken: this.#options.getAccessToken,
      ...(dpopProof ? { dpopProof } : {}),
      getUserKey: this.#options.getUserKey,
      onAuthFailure: () => this.#options.onAuthFailure(),
      cache,
      signal,
    });
  }

  #init(module: ApiModule): ApiModule | undefined {
    try {
      // Validate once at boot, so a bad config is reported before any MFE mounts.
      module.resolveApisOptions(this.#options.config as Parameters<ApiModule['resolveApisOptions']>[0]);
    } catch (error) {
      this.#options.onConfigError(new ConfigError(`host config "apis": ${describeError(error)} — fix the apis section of atrium.config.json`, { cause: error }));
      return undefined;
    }
    this.#cache = module.createApiCache();
    this.#loaded = module;
    return module;
  }
}
