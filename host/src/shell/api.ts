import type { MfeRegistry, MfeState, StateListener, StatusStore } from '../registry/index.js';
import type { ErrorReporter, ShellErrorEvent, ShellErrorListener } from '../observability/errors.js';
import type { ManifestProblem } from '../manifest/index.js';
import { SHARED_INSTANCE } from '@atrium/shared';
import { singleSpa } from '../loader/index.js';
import { PROVIDED_SHARED } from '../loader/index.js';

/**
 * What the shell offers to the page (monitoring snippets, devtools, tests) as `window.atrium`.
 *
 * @example
 * ```ts
 * window.atrium.onError(({ mfe, step, error }) => monitoring.capture(error, { mfe, step }));
 * ```
 */
export interface ShellApi {
  readonly version: string;
  /** Every MFE's current state. */
  states(): MfeState[];
  state(name: string): MfeState | undefined;
  /** Called for every contained error; returns the unsubscribe function. */
  onError(listener: ShellErrorListener): () => void;
  onStateChange(listener: StateListener): () => void;
  /** Contained errors so far. */
  errors(): readonly ShellErrorEvent[];
  /** Problems found in the manifest at boot. */
  manifestProblems(): readonly ManifestProblem[];
  /** Retries a failed MFE with a cache-busting reload. */
  retry(name: string): Promise<void>;
  /** Unmounts, unloads and mounts a healthy MFE again (devtools). */
  remount(name: string): Promise<void>;
  /** The shared singletons the page provides, with the version in use. */
  readonly shared: Readonly<Record<string, string>>;
  /** Identity of the page's copy of @atrium/shared (remotes must report the same). */
  readonly sharedInstance: string;
  /** Resolves once the first routing pass has settled. */
  readonly ready: Promise<void>;
}

export function createShellApi(parts: {
  store: StatusStore;
  errors: ErrorReporter;
  registry: MfeRegistry;
  problems: readonly ManifestProblem[];
  ready: Promise<void>;
}): ShellApi {
  return {
    version: '0.1.0',
    states: () => parts.store.all(),
    state: (name) => parts.store.get(name),
    onError: (listener) => parts.errors.on(listener),
    onStateChange: (listener) => parts.store.subscribe(listener),
    errors: () => parts.errors.history(),
    manifestProblems: () => parts.problems,
    retry: (name) => parts.registry.retry(name),
    remount: async (name) => (await singleSpa()).unloadApplication(name, { waitForUnmount: false }),
    shared: PROVIDED_SHARED,
    sharedInstance: SHARED_INSTANCE,
    ready: parts.ready,
  };
}

declare global {
  interface Window {
    atrium?: ShellApi;
  }
}
