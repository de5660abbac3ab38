import * as runtimeCore from '@module-federation/runtime/core';
import { createInstance } from '@module-federation/runtime';
import type { ModuleFederation, ModuleFederationRuntimePlugin } from '@module-federation/runtime';
import * as atriumShared from '@atrium/shared';
import { SHARED_VERSION } from '@atrium/shared/internal';
import { SharedVersionError } from '../errors.js';
import { createLogger } from '@atrium/shared';
import { singleSpa } from './single-spa.js';
import { PROVIDED_SHARED, SINGLE_SPA_VERSION } from './shares.js';

const log = createLogger('host:federation');

/**
 * Refuses a singleton that does not satisfy what a remote requires. The runtime only warns and
 * hands over the host's copy, which fails later in ways no one can trace; failing the load names
 * the MFE, the package and both versions instead.
 */
export function sharedVersionPolicy(provided: Readonly<Record<string, string>> = PROVIDED_SHARED): ModuleFederationRuntimePlugin {
  return {
    name: 'atrium-shared-version-policy',
    // Runs after a remote's container initialised (its requirements are known) and before any
    // exposed module is fetched, so a refused remote runs none of its own code against ours.
    async initContainer(args) {
      const instances = (runtimeCore.Global.__FEDERATION__?.__INSTANCES__ ?? []) as { name: string; options: { shared?: Record<string, { shareConfig?: { requiredVersion?: unknown } }[]> } }[];
      const remote = instances.find((instance) => instance.name === args.remoteInfo.name);
      for (const [pkgName, version] of Object.entries(provided)) {
        for (const share of remote?.options.shared?.[pkgName] ?? []) {
          const required = share.shareConfig?.requiredVersion;
          if (typeof required === 'string' && !runtimeCore.satisfy(version, required)) {
            throw recordViolation(args.remoteInfo.name, 
              `mfe '${args.remoteInfo.name}' requires ${pkgName}@${required} but the page provides ${version} — rebuild the MFE against ${pkgName}@${version} (or widen its requiredVersion), or upgrade the host`,
            );
          }
        }
      }
      return args;
    },
  };
}

// The runtime rewraps errors thrown in hooks; the loader looks the original up to report it as is.
const violations = new Map<string, SharedVersionError>();

function recordViolation(remote: string, message: string): SharedVersionError {
  const error = new SharedVersionError(message);
  violations.set(remote, error);
  return error;
}

/** The shared-version refusal behind a failed load of this remote, if that is what failed it. */
export function takeSharedVersionViolation(remote: string): SharedVersionError | undefined {
  const error = violations.get(remote);
  violations.delete(remote);
  return error;
}

// This module is a lazy chunk: entries with a deploy-time plan (most) load without it, so the
// runtime (≈ 20 KB compressed) is fetched only for a remote without a plan, an override or a retry.

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
      // A chunk of its own (lifecycle/single-spa.ts): the page's one copy, whoever imports it first.
      'single-spa': {
        version: SINGLE_SPA_VERSION,
        get: () => singleSpa().then((module) => () => module),
        shareConfig: { singleton: true, requiredVersion: `^${SINGLE_SPA_VERSION}` },
      },
      '@atrium/shared': {
        version: SHARED_VERSION,
        lib: () => atriumShared,
        shareConfig: { singleton: true, requiredVersion: `^${SHARED_VERSION}` },
      },
      // The API layer (ky and all) is a separate chunk, fetched only when something needs it.
      '@atrium/shared/api': {
        version: SHARED_VERSION,
        get: () => import('@atrium/shared/api').then((module) => () => module),
        shareConfig: { singleton: true, requiredVersion: `^${SHARED_VERSION}` },
      },
    },
    plugins: [sharedVersionPolicy()],
  });
}
