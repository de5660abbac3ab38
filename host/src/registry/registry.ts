import type { AppProps, LifeCycles } from 'single-spa';
import type { AtriumProps, MfeLifecycles } from '@atrium/shared';
import type { LifecycleStep, LifecycleTimeouts, MfeStatus } from '@atrium/shared/internal';
import { createLogger } from '@atrium/shared';
import { disabledSession } from '@atrium/shared/internal';
import { isActiveAt } from '@atrium/shared/policy';
import type { ResolvedEntry } from '../manifest/index.js';
import { entryUrlFor } from '../loader/index.js';
import type { SingleSpa } from '../loader/index.js';
import { buildProps, LifecycleRunner } from '../lifecycle/index.js';
import type { PageProps, RunStep, StepHooks } from '../lifecycle/index.js';
import { describeError, LifecycleError, RemoteLoadError } from '../errors.js';
import type { ErrorReporter } from '../observability/errors.js';
import { mark, timed } from '../observability/timing.js';
import { FIRST_CONTENT_MARK } from '../observability/marks.js';
import { EarlyRun } from './early-run.js';
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
  readonly store: StatusStore;
  readonly errors: ErrorReporter;
  readonly slots: SlotProvider;
  readonly timeouts: Required<LifecycleTimeouts>;
  /** Loads an MFE's lifecycles (the page runtime's loader; tests pass their own). */
  readonly load: (entry: ResolvedEntry, attempt: number) => Promise<MfeLifecycles>;
  /** Route protection: false keeps an active entry unmounted (e.g. sign-in required). */
  readonly guard?: (entry: ResolvedEntry) => boolean;
  /** What the page gives every MFE (API clients for this mount, the session, extensions). */
  readonly pageProps?: (entry: ResolvedEntry, signal: AbortSignal) => PageProps;
  /** `props.navigate`: in-app navigation, same-origin paths only. */
  readonly navigate: (path: string) => void;
  readonly hooks?: StepHooks;
}

// single-spa retries a failed load only when this long has passed since the failure.
// It stamps the failure a little after we do, hence the margin.
const LOAD_ERROR_RETRY_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NO_PAGE_PROPS: PageProps = { apis: {}, session: disabledSession('this page has no session') };

/** True when the entry should be mounted at this path. */
export function isActive(entry: ResolvedEntry, pathname: string): boolean {
  return isActiveAt(entry.routes, pathname);
}

/**
 * Registers manifest entries as single-spa applications driven by the lifecycle runner (timed,
 * guarded by timeouts, reported), which can be retried after a failure with a cache-busting reload.
 * Entries registered before single-spa is {@link attach}ed and active at once start loading and
 * mounting right away, through the same lifecycles: single-spa adopts them (early-run.ts).
 */
export class MfeRegistry {
  readonly #options: RegistryOptions;
  readonly #entries = new Map<string, ResolvedEntry>();
  readonly #attempts = new Map<string, number>();
  readonly #failedAt = new Map<string, number>();
  readonly #early = new Map<string, EarlyRun>();
  #spa: SingleSpa | undefined;
  readonly #attached: Promise<SingleSpa>;
  #onAttached: (spa: SingleSpa) => void = () => undefined;

  constructor(options: RegistryOptions) {
    this.#options = options;
    this.#attached = new Promise((resolve) => (this.#onAttached = resolve));
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
      if (this.#spa) this.#registerOne(this.#spa, entry);
      else if (this.#activeNow(entry)) this.#early.set(entry.name, new EarlyRun(entry.name, this.#load(entry)));
    }
  }

  /** Settles once every early run has mounted or failed: what the URL shows is on screen, or says why not. */
  started(): Promise<void> {
    return Promise.all([...this.#early.values()].map((run) => run.settled)).then(() => undefined);
  }

  /**
   * Hands every entry to single-spa (started here, before the registrations, so they all join
   * one routing pass); the early runs are adopted. Settles once that first pass has, with each
   * early mount single-spa did not adopt (its route went away meanwhile) unmounted.
   */
  async attach(spa: SingleSpa): Promise<void> {
    if (this.#spa) throw new Error('MfeRegistry.attach: single-spa is attached already');
    this.#spa = spa;
    // Failures are contained and reported by the runner; without a handler single-spa would
    // rethrow each of them as an uncaught error.
    spa.addErrorHandler((error) => log.debug('single-spa reported', error.message));
    // single-spa reroutes on every registration made before start(), and each reroute checks
    // every registered app: quadratic in the manifest's size (≈ 300 ms for 500 entries). Started
    // first, it has a routing pass under way, so every registration below just joins one pass.
    spa.start({ urlRerouteOnly: true });
    for (const entry of this.#entries.values()) this.#registerOne(spa, entry);
    this.#onAttached(spa);
    await spa.triggerAppChange();
    // Kept: an entry whose route comes back later is adopted then (its bootstrap ran already).
    await Promise.all([...this.#early.values()].map((run) => run.release()));
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
    // A failure of an early run is single-spa's to retry once it has adopted it.
    const spa = this.#spa ?? (await this.#attached);
    const attempt = (this.#attempts.get(name) ?? 0) + 1;
    this.#attempts.set(name, attempt);
    this.#options.store.set(name, { status: 'NOT_LOADED', attempt, url: entryUrlFor(entry, attempt) });
    if (state.status === 'LOAD_ERROR') {
      // single-spa reloads a LOAD_ERROR app on the next routing pass, once 200 ms have passed.
      await sleep(Math.max(0, LOAD_ERROR_RETRY_MS - (Date.now() - (this.#failedAt.get(name) ?? 0))));
      await spa.triggerAppChange();
    } else {
      // single-spa skips a broken app for good and will not unload it: replace the registration.
      // (Only for BROKEN: for LOAD_ERROR, unregistering first remounts the app, then drops it.)
      await spa.unregisterApplication(name).catch((error: unknown) => log.warn(`unregistering '${name}' for a retry failed`, error));
      this.#registerOne(spa, entry);
    }
  }

  #registerOne(spa: SingleSpa, entry: ResolvedEntry): void {
    spa.registerApplication({
      name: entry.name,
      app: () => this.#early.get(entry.name)?.adopt() ?? this.#load(entry),
      activeWhen: (location) => isActive(entry, location.pathname) && (this.#options.guard?.(entry) ?? true),
    });
  }

  #activeNow(entry: ResolvedEntry): boolean {
    return isActive(entry, location.pathname) && (this.#options.guard?.(entry) ?? true);
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
    this.#setStatus(entry, 'LOADING');
    let lifecycles: MfeLifecycles;
    try {
      lifecycles = await timed(entry.name, 'load', () => this.#options.load(entry, attempt), (ms) => this.#recordTiming(entry, 'load', ms));
    } catch (error) {
      const failure = error instanceof RemoteLoadError ? error : new RemoteLoadError(entry.name, entry.entryUrl.href, describeError(error), { cause: error });
      this.#failedAt.set(entry.name, Date.now());
      this.#setStatus(entry, 'LOAD_ERROR', { lastError: failure });
      this.#options.errors.report({ mfe: entry.name, step: 'load', error: failure });
      throw new Error(failure.message, { cause: failure });
    }
    this.#setStatus(entry, 'NOT_MOUNTED');
    const runner = this.#runner(entry, lifecycles);
    return runner.forSingleSpa((step, run) => (props) => this.#around(entry, runner, step, run, props));
  }

  #runner(entry: ResolvedEntry, lifecycles: MfeLifecycles): LifecycleRunner {
    const { slots, timeouts, hooks } = this.#options;
    return new LifecycleRunner({
      entry,
      lifecycles,
      timeouts,
      instance: entry.name,
      ...(hooks ? { hooks } : {}),
      props: (signal, spaProps) => this.#props(entry, signal, spaProps, slots.claim(entry)),
      onFailure: (failure) => {
        this.#setStatus(entry, 'BROKEN', { lastError: failure });
        this.#options.errors.report({ mfe: entry.name, step: failure.step, error: failure });
      },
      onTiming: (step, ms) => this.#recordTiming(entry, step, ms),
    });
  }

  /** The statuses around each step; the runner does the step itself. */
  async #around(entry: ResolvedEntry, runner: LifecycleRunner, step: RunStep, run: (props: AppProps) => Promise<void>, props: AppProps): Promise<void> {
    if (step === 'mount') {
      this.#setStatus(entry, 'MOUNTING');
      await run(props);
      this.#setStatus(entry, 'MOUNTED');
      // The moment the user first sees page content (a route MFE, not the chrome around it):
      // what the bench measures, here and in the monolith it is compared with.
      if (entry.routes !== 'always' && performance.getEntriesByName(FIRST_CONTENT_MARK).length === 0) mark(FIRST_CONTENT_MARK, { mfe: entry.name });
      return;
    }
    if (step !== 'unmount') return run(props);
    if (this.#options.store.get(entry.name)?.status === 'BROKEN') {
      // single-spa unmounts an MFE whose mount failed. Let it clean up, but keep it BROKEN with
      // its fallback showing: the failure is what the user needs to see.
      return runner.cleanUp(props);
    }
    this.#setStatus(entry, 'UNMOUNTING');
    try {
      await run(props);
      this.#setStatus(entry, 'NOT_MOUNTED');
    } finally {
      // The host owns the box: it goes even when the MFE failed to clean up after itself.
      this.#options.slots.release(entry);
    }
  }

  #props(entry: ResolvedEntry, signal: AbortSignal, spaProps: AppProps, domElement: HTMLElement): AtriumProps {
    const page = this.#options.pageProps?.(entry, signal) ?? NO_PAGE_PROPS;
    return buildProps(entry, signal, page, {
      domElement,
      basePath: entry.routes === 'always' ? '' : (entry.routes[0] ?? ''),
      region: entry.region,
      props: entry.props ?? {},
      navigate: this.#options.navigate,
      mountParcel: spaProps.mountParcel as AtriumProps['mountParcel'],
    });
  }
}
