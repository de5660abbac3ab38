import { addErrorHandler, navigateToUrl, registerApplication, triggerAppChange, unregisterApplication } from 'single-spa';
import type { AppProps, LifeCycles } from 'single-spa';
import type { ModuleFederation } from '@module-federation/runtime';
import type { AtriumProps, LifecycleFn, Session, LifecycleStep, LifecycleTimeouts, MfeLifecycles, MfeStatus } from '@atrium/shared';
import { createLogger } from '@atrium/shared';
import type { ResolvedEntry } from '../manifest/index.js';
import { loadMfe, entryUrlFor } from '../loader/index.js';
import { StepTimeout, withTimeout } from '../loader/timeout.js';
import { anonymousSession } from '../auth/anonymous.js';
import { describeError, LifecycleError, RemoteLoadError } from '../errors.js';
import type { ErrorReporter } from '../observability/errors.js';
import { mark, timed } from '../observability/timing.js';
import { FIRST_CONTENT_MARK } from '../observability/marks.js';
import { matchesPrefix } from '../layout/navigation.js';
import type { StatusStore } from './status-store.js';

const log = createLogger('host:registry');

/** Where an MFE renders; the layout owns these boxes. */
export interface SlotProvider {
  /** The element to hand the MFE; created on first use. */
  claim(entry: ResolvedEntry): HTMLElement;
  /** Removes the MFE's box once it is unmounted. */
  release(entry: ResolvedEntry): void;
}

export interface RegistryOptions {
  readonly federation?: ModuleFederation;
  readonly store: StatusStore;
  readonly errors: ErrorReporter;
  readonly slots: SlotProvider;
  readonly timeouts: Required<LifecycleTimeouts>;
  /** Loads an MFE's lifecycles; defaults to the Module Federation loader. Tests pass their own. */
  readonly load?: (entry: ResolvedEntry, attempt: number, timeoutMs: number) => Promise<MfeLifecycles>;
  /** Work to finish before an MFE mounts, run in parallel with loading it (e.g. the API layer). */
  readonly prepare?: (entry: ResolvedEntry) => Promise<void>;
  /** Route protection: false keeps an active entry unmounted (e.g. sign-in required). */
  readonly guard?: (entry: ResolvedEntry) => boolean;
  /** Props every MFE receives besides the contract's own (API clients, session). */
  readonly extraProps?: (entry: ResolvedEntry, signal: AbortSignal) => { apis: Readonly<Record<string, unknown>>; session: Session };
}

const STEP_VERB: Record<LifecycleStep, string> = {
  load: 'loading',
  bootstrap: 'bootstrapping',
  mount: 'mounting',
  unmount: 'unmounting',
  update: 'updating',
};

// single-spa retries a failed load only when this long has passed since the failure.
// It stamps the failure a little after we do, hence the margin.
const LOAD_ERROR_RETRY_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// single-spa's own timers only warn; ours decide. single-spa never clears its two timers per
// lifecycle call, and each holds the call's closures until it fires: keep them just past ours so
// nothing is retained for long (with minutes here, 1,000 route changes held ~1 MB).
function spaTimeouts(limits: Required<LifecycleTimeouts>) {
  const after = (ms: number) => ({ millis: ms + 1_000, dieOnTimeout: false, warningMillis: ms + 1_000 });
  return { bootstrap: after(limits.bootstrap), mount: after(limits.mount), unmount: after(limits.unmount), unload: after(limits.unmount) };
}

/** True when the entry should be mounted at this path. */
export function isActive(entry: ResolvedEntry, pathname: string): boolean {
  return entry.routes === 'always' || entry.routes.some((prefix) => matchesPrefix(pathname, prefix));
}

/**
 * Registers manifest entries as single-spa applications whose lifecycles are timed, guarded by
 * timeouts and reported, and which can be retried after a failure with a cache-busting reload.
 */
export class MfeRegistry {
  readonly #options: RegistryOptions;
  readonly #entries = new Map<string, ResolvedEntry>();
  readonly #attempts = new Map<string, number>();
  readonly #failedAt = new Map<string, number>();
  // Keyed by name: single-spa passes a new props object on every call.
  readonly #mounts = new Map<string, AbortController>();

  constructor(options: RegistryOptions) {
    this.#options = options;
    // Failures are contained and reported by the lifecycle wrappers; without a handler single-spa
    // would rethrow each of them as an uncaught error.
    addErrorHandler((error) => log.debug('single-spa reported', error.message));
  }

  entries(): ResolvedEntry[] {
    return [...this.#entries.values()];
  }

  entry(name: string): ResolvedEntry | undefined {
    return this.#entries.get(name);
  }

  register(entries: readonly ResolvedEntry[]): void {
    for (const entry of entries) {
      this.#entries.set(entry.name, entry);
      this.#options.store.set(entry.name, { status: 'NOT_LOADED', version: entry.version, url: entry.entryUrl.href, attempt: 0 });
      this.#registerOne(entry);
    }
  }

  /**
   * Retries a failed MFE: the next load uses a cache-busting URL, so a fixed redeploy or a
   * server that is back is really fetched again.
   */
  async retry(name: string): Promise<void> {
    const entry = this.#entries.get(name);
    const state = this.#options.store.get(name);
    if (!entry || !state) throw new RangeError(`retry: no MFE named "${name}"`);
    if (state.status !== 'LOAD_ERROR' && state.status !== 'BROKEN') return;
    const attempt = (this.#attempts.get(name) ?? 0) + 1;
    this.#attempts.set(name, attempt);
    this.#options.store.set(name, { status: 'NOT_LOADED', attempt, url: entryUrlFor(entry, attempt) });
    if (state.status === 'LOAD_ERROR') {
      // single-spa reloads a LOAD_ERROR app on the next routing pass, once 200 ms have passed.
      await sleep(Math.max(0, LOAD_ERROR_RETRY_MS - (Date.now() - (this.#failedAt.get(name) ?? 0))));
      await triggerAppChange();
    } else {
      // single-spa skips a broken app for good and will not unload it: replace the registration.
      // (Only for BROKEN: for LOAD_ERROR, unregistering first remounts the app, then drops it.)
      await unregisterApplication(name).catch((error: unknown) => log.warn(`unregistering '${name}' for a retry failed`, error));
      this.#registerOne(entry);
    }
  }

  #registerOne(entry: ResolvedEntry): void {
    registerApplication({
      name: entry.name,
      app: () => this.#load(entry),
      activeWhen: (location) => isActive(entry, location.pathname) && (this.#options.guard?.(entry) ?? true),
    });
  }

  #setStatus(entry: ResolvedEntry, status: MfeStatus, extra: Partial<{ lastError: LifecycleError | RemoteLoadError }> = {}): void {
    this.#options.store.set(entry.name, { status, ...extra });
  }

  #recordTiming(entry: ResolvedEntry, step: LifecycleStep, ms: number): void {
    const state = this.#options.store.get(entry.name);
    if (!state) return;
    this.#options.store.set(entry.name, { status: state.status, timings: { ...state.timings, [step]: ms } });
  }

  async #load(entry: ResolvedEntry): Promise<LifeCycles> {
    const attempt = this.#attempts.get(entry.name) ?? 0;
    const timeout = entry.timeouts?.load ?? this.#options.timeouts.load;
    this.#setStatus(entry, 'LOADING');
    let lifecycles: MfeLifecycles;
    try {
      const load = this.#options.load ?? ((e: ResolvedEntry, a: number, t: number) => loadMfe(requireFederation(this.#options.federation), e, a, t));
      const prepared = this.#options.prepare?.(entry);
      lifecycles = await timed(entry.name, 'load', () => load(entry, attempt, timeout), (ms) =>
        this.#recordTiming(entry, 'load', ms),
      );
      await prepared;
    } catch (error) {
      const failure = error instanceof RemoteLoadError ? error : new RemoteLoadError(entry.name, entry.entryUrl.href, describeError(error), { cause: error });
      this.#failedAt.set(entry.name, Date.now());
      this.#setStatus(entry, 'LOAD_ERROR', { lastError: failure });
      this.#options.errors.report({ mfe: entry.name, step: 'load', error: failure });
      throw forSingleSpa(failure);
    }
    this.#setStatus(entry, 'NOT_MOUNTED');
    return {
      bootstrap: (props: AppProps) => this.#step(entry, 'bootstrap', lifecycles.bootstrap, props),
      mount: (props: AppProps) => this.#mount(entry, lifecycles, props),
      unmount: (props: AppProps) => this.#unmount(entry, lifecycles, props),
      ...(lifecycles.update ? { update: (props: AppProps) => this.#step(entry, 'update', lifecycles.update, props) } : {}),
      timeouts: spaTimeouts({
        load: 0,
        bootstrap: entry.timeouts?.bootstrap ?? this.#options.timeouts.bootstrap,
        mount: entry.timeouts?.mount ?? this.#options.timeouts.mount,
        unmount: entry.timeouts?.unmount ?? this.#options.timeouts.unmount,
      }),
    } as LifeCycles;
  }

  async #mount(entry: ResolvedEntry, lifecycles: MfeLifecycles, props: AppProps): Promise<void> {
    this.#mounts.set(entry.name, new AbortController());
    this.#setStatus(entry, 'MOUNTING');
    await this.#step(entry, 'mount', lifecycles.mount, props);
    this.#setStatus(entry, 'MOUNTED');
    // The moment the user first sees page content (a route MFE, not the chrome around it):
    // what the bench measures, here and in the monolith it is compared with.
    if (entry.routes !== 'always' && performance.getEntriesByName(FIRST_CONTENT_MARK).length === 0) mark(FIRST_CONTENT_MARK, { mfe: entry.name });
  }

  async #unmount(entry: ResolvedEntry, lifecycles: MfeLifecycles, props: AppProps): Promise<void> {
    this.#mounts.get(entry.name)?.abort(new DOMException(`mfe '${entry.name}' unmounted`, 'AbortError'));
    if (this.#options.store.get(entry.name)?.status === 'BROKEN') {
      // single-spa unmounts an MFE whose mount failed. Let it clean up, but keep it BROKEN with
      // its fallback showing: the failure is what the user needs to see.
      await withTimeout(Promise.resolve().then(() => this.#runAll(lifecycles.unmount, this.#props(entry, props))), this.#options.timeouts.unmount).catch(
        (error: unknown) => log.warn(`mfe '${entry.name}' also failed to unmount after a failed mount`, error),
      );
      this.#mounts.delete(entry.name);
      return;
    }
    this.#setStatus(entry, 'UNMOUNTING');
    try {
      await this.#step(entry, 'unmount', lifecycles.unmount, props);
      this.#setStatus(entry, 'NOT_MOUNTED');
    } finally {
      this.#mounts.delete(entry.name);
      // The host owns the box: it goes even when the MFE failed to clean up after itself.
      this.#options.slots.release(entry);
    }
  }

  #props(entry: ResolvedEntry, spaProps: AppProps): AtriumProps {
    const signal = this.#mounts.get(entry.name)?.signal ?? AbortSignal.abort();
    return {
      ...(this.#options.extraProps?.(entry, signal) ?? { apis: {}, session: anonymousSession }),
      name: entry.name,
      domElement: this.#options.slots.claim(entry),
      basePath: entry.routes === 'always' ? '' : (entry.routes[0] ?? ''),
      region: entry.region,
      version: entry.version,
      props: entry.props ?? {},
      signal,
      mountParcel: spaProps.mountParcel as AtriumProps['mountParcel'],
      navigate: (path: string) => navigateToUrl(path),
    };
  }

  async #runAll(fn: LifecycleFn | readonly LifecycleFn[], props: AtriumProps): Promise<void> {
    for (const each of [fn].flat() as LifecycleFn[]) await each(props);
  }

  async #step(entry: ResolvedEntry, step: Exclude<LifecycleStep, 'load'>, fn: LifecycleFn | readonly LifecycleFn[] | undefined, spaProps: AppProps): Promise<void> {
    if (!fn) return;
    const props = this.#props(entry, spaProps);
    const ms = (step === 'update' ? undefined : entry.timeouts?.[step]) ?? this.#options.timeouts[step === 'update' ? 'mount' : step];
    try {
      await timed(entry.name, step, () => withTimeout(this.#runAll(fn, props), ms), (took) => this.#recordTiming(entry, step, took));
    } catch (error) {
      const timedOut = error instanceof StepTimeout;
      const message = timedOut
        ? `mfe '${entry.name}' did not finish ${STEP_VERB[step]} within ${ms} ms — make ${step} settle faster, or raise timeouts.${step} in its manifest entry`
        : `mfe '${entry.name}' died while ${STEP_VERB[step]}: ${describeError(error)}`;
      const failure = new LifecycleError(entry.name, step, timedOut, message, { cause: error });
      this.#setStatus(entry, 'BROKEN', { lastError: failure });
      this.#options.errors.report({ mfe: entry.name, step, error: failure });
      throw forSingleSpa(failure);
    }
  }
}

/**
 * single-spa rewrites the message of the error it is given ("application 'x' died in status …"),
 * so it gets a copy and the original, with our message, stays in the store and the reports.
 */
function forSingleSpa(error: Error): Error {
  return new Error(error.message, { cause: error });
}

function requireFederation(federation: ModuleFederation | undefined): ModuleFederation {
  if (!federation) throw new TypeError('MfeRegistry: pass either `federation` or `load`');
  return federation;
}
