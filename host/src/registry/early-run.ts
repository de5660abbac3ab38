import type { AppProps, LifeCycles, Parcel, ParcelConfig } from 'single-spa';
import { singleSpa } from '../loader/index.js';

type Step = (props: AppProps) => Promise<unknown>;

const ignore = () => undefined;

/**
 * An application's first load, bootstrap and mount, run before single-spa is on the page (it is
 * a chunk of its own, fetched after the files of the first MFEs): the lifecycles are the same
 * wrapped ones single-spa gets, so statuses, time limits, failures and the first-content mark
 * are exactly those of a mount single-spa runs. When single-spa arrives it adopts the run: the
 * first `app()`, `bootstrap` and `mount` it calls answer with what already ran (or failed).
 */
export class EarlyRun {
  /** Parcels the MFE mounted through `props.mountParcel` before single-spa was there. */
  readonly #parcels = new Set<Parcel>();
  readonly #lifecycles: Promise<LifeCycles>;
  readonly #props: AppProps;
  readonly #bootstrapped: Promise<unknown>;
  readonly #mounted: Promise<unknown>;
  #appTaken = false;
  #mountTaken = false;

  constructor(name: string, lifecycles: Promise<LifeCycles>) {
    this.#lifecycles = lifecycles;
    this.#props = { name, singleSpa: undefined, mountParcel: deferredMountParcel(this.#parcels) } as unknown as AppProps;
    this.#bootstrapped = lifecycles.then((l) => step(l.bootstrap)(this.#props));
    this.#mounted = this.#bootstrapped.then(() => lifecycles).then((l) => step(l.mount)(this.#props));
    // Failures are statuses and reports already (the wrapped lifecycles); single-spa sees them on adoption.
    this.#mounted.catch(ignore);
  }

  /** Settles once the early mount has finished, whichever way (or the load or bootstrap before it failed). */
  get settled(): Promise<void> {
    return this.#mounted.then(ignore, ignore);
  }

  /** What single-spa's first `app()` for this application returns; undefined once taken (a reload loads anew). */
  adopt(): Promise<LifeCycles> | undefined {
    if (this.#appTaken) return undefined;
    this.#appTaken = true;
    return this.#lifecycles.then((l) => {
      let bootstrapTaken = false;
      return {
        ...l,
        bootstrap: (props: AppProps) => (bootstrapTaken ? step(l.bootstrap)(props) : ((bootstrapTaken = true), this.#bootstrapped)),
        mount: (props: AppProps) => (this.#mountTaken ? step(l.mount)(props) : ((this.#mountTaken = true), this.#mounted)),
        // single-spa unmounts an application's parcels before the application itself.
        unmount: async (props: AppProps) => {
          await this.#unmountParcels();
          return step(l.unmount)(props);
        },
      } as LifeCycles;
    });
  }

  /**
   * After single-spa's first pass: an early mount it did not adopt (the route changed, or sign-in
   * state did, before it arrived) is unmounted, as single-spa would have; a later mount is real.
   */
  async release(): Promise<void> {
    if (this.#mountTaken) return;
    this.#mountTaken = true;
    const attempted = await this.#bootstrapped.then(() => true, () => false);
    if (!attempted) return;
    const l = await this.#lifecycles;
    const unmount = async () => {
      await this.#unmountParcels();
      await step(l.unmount)(this.#props);
    };
    await this.#mounted.then(unmount, unmount).catch(ignore);
  }

  async #unmountParcels(): Promise<void> {
    const parcels = [...this.#parcels];
    this.#parcels.clear();
    await Promise.all(parcels.map((p) => p.mountPromise.then(() => (p.getStatus() === 'MOUNTED' ? p.unmount() : null), ignore)));
  }
}

/** The registry hands single functions (LifecycleRunner.forSingleSpa); single-spa's type allows arrays. */
function step(fn: LifeCycles['bootstrap'] | LifeCycles['mount'] | LifeCycles['unmount']): Step {
  return fn as unknown as Step;
}

/**
 * `props.mountParcel` for a mount that runs before single-spa is on the page: the parcel mounts
 * as soon as it is (as a root parcel), and the handle returned at once forwards to it. Each
 * parcel is added to `owned`, so its application unmounts it first, as single-spa does with the
 * parcels of an application it unmounts.
 */
function deferredMountParcel(owned: Set<Parcel>): (config: ParcelConfig, props: Record<string, unknown> & { domElement: HTMLElement }) => Parcel {
  return (config, props) => {
    const real = singleSpa().then((spa) => spa.mountRootParcel(config, props));
    let current: Parcel | undefined;
    void real.then((parcel) => (current = parcel), ignore);
    const parcel: Parcel = {
      mount: () => real.then((p) => p.mount()),
      unmount: () => real.then((p) => p.unmount()),
      update: (next) => real.then((p) => p.update?.(next) ?? null),
      getStatus: () => current?.getStatus() ?? 'NOT_LOADED',
      loadPromise: real.then((p) => p.loadPromise),
      bootstrapPromise: real.then((p) => p.bootstrapPromise),
      mountPromise: real.then((p) => p.mountPromise),
      unmountPromise: real.then((p) => p.unmountPromise),
    };
    owned.add(parcel);
    void parcel.unmountPromise.then(() => owned.delete(parcel), () => owned.delete(parcel));
    return parcel;
  };
}
