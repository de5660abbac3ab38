import * as runtimeCore from '@module-federation/runtime/core';
import { createInstance } from '@module-federation/runtime';
import type { ModuleFederation, ModuleFederationRuntimePlugin } from '@module-federation/runtime';
import * as singleSpa from 'single-spa';
import * as atriumShared from '@atrium/shared';
import { SHARED_VERSION } from '@atrium/shared';
import { SharedVersionError } from '../errors.js';
import { createLogger } from '@atrium/shared';

const log = createLogger('host:federation');

/** Versions the host provides as singletons. Remotes declare the same packages as shared. */
export const SINGLE_SPA_VERSION = '6.0.3';
export const PROVIDED_SHARED = {
  'single-spa': SINGLE_SPA_VERSION,
  '@atrium/shared': SHARED_VERSION,
} as const;

/**
 * Refuses a singleton that does not satisfy what a remote requires. The runtime only warns and
 * hands over the host's copy, which fails later in ways no one can trace; failing the load names
 * the MFE, the package and both versions instead.
 */
export function sharedVersionPolicy(): ModuleFederationRuntimePlugin {
  return {
    name: 'atrium-shared-version-policy',
    resolveShare(args) {
      const resolve = args.resolver;
      args.resolver = () => {
        const resolved = resolve();
        const required = args.shareInfo.shareConfig?.requiredVersion;
        const provided = resolved?.shared.version;
        if (resolved && typeof required === 'string' && provided && !runtimeCore.satisfy(provided, required)) {
          throw new SharedVersionError(
            `mfe '${args.shareInfo.from}' requires ${args.pkgName}@${required} but the page provides ${provided} — rebuild the MFE against ${args.pkgName}@${provided} (or widen its requiredVersion), or upgrade the host`,
          );
        }
        return resolved;
      };
      return args;
    },
  };
}

/**
 * Creates the page's one Module Federation instance. It provides single-spa and the shared layer
 * as singletons, and publishes runtime-core for remotes built with `experiments.externalRuntime`,
 * so the runtime is downloaded once per page rather than once per remote.
 */
export function createFederation(): ModuleFederation {
  const globalRef = runtimeCore.Global as Record<string, unknown>;
  if (globalRef['_FEDERATION_RUNTIME_CORE']) {
    log.warn('another Module Federation runtime is already on the page; remotes will use it');
  } else {
    globalRef['_FEDERATION_RUNTIME_CORE'] = runtimeCore;
  }
  return createInstance({
    name: 'atrium_host',
    remotes: [],
    shared: {
      'single-spa': {
        version: SINGLE_SPA_VERSION,
        lib: () => singleSpa,
        shareConfig: { singleton: true, requiredVersion: `^${SINGLE_SPA_VERSION}` },
      },
      '@atrium/shared': {
        version: SHARED_VERSION,
        lib: () => atriumShared,
        shareConfig: { singleton: true, requiredVersion: `^${SHARED_VERSION}` },
      },
    },
    plugins: [sharedVersionPolicy()],
  });
}
