import { mountRootParcel } from 'single-spa';
import type { AppProps, Parcel, ParcelConfigObject } from 'single-spa';
import type { AtriumError, AtriumProps, LifecycleFn, LifecycleStep, MfeLifecycles } from '@atrium/shared';
import { createLogger } from '@atrium/shared';
import { describeError, LifecycleError, RemoteLoadError } from '../errors.js';
import { attachStylesheets, stylesheetUrls, StepTimeout, withTimeout } from '../loader/index.js';
import type { Slot } from '../layout/slot.js';
import type { MfeState } from '../registry/index.js';
import { mark, timed } from '../observability/timing.js';
import type { EmbedRuntime, WidgetServices } from './runtime.js';
import type { WidgetStatus } from './widget-store.js';
import { FIRST_WIDGET_MARK } from './marks.js';

const log = createLogger('host:embed');

/** Where a widget renders: the host-owned box (status line + MFE root) and where its CSS goes. */
export interface WidgetView {
  readonly slot: Slot;
  /** The widget's shadow root, or document.head when the element opted out of isolation. */
  readonly styleRoot: ParentNode;
}

export interface WidgetInit {
  readonly id: string;
  readonly name: string;
  readonly view: WidgetView;
  readonly props: Readonly<Record<string, string>>;
  readonly runtime: EmbedRuntime;
}

// single-spa's own timers only warn; ours decide, so single-spa's are set out of the way.
const SPA_TIMEOUT = { millis: 600_000, dieOnTimeout: false, warningMillis: 600_000 };
const FAILED = new Set<WidgetStatus>(['LOAD_ERROR', 'BROKEN', 'REFUSED']);

/**
 * One `<atrium-widget>`: its MFE mounted as a single-spa parcel. Attribute changes go to the MFE's
 * `update` (or remount it when it has none); `destroy` unmounts the parcel, fires the abort
 * signal and forgets the widget. Operations run one after the other, in the order asked.
 */
export class Widget {
  readonly #init: WidgetInit;
  #props: Readonly<Record<string, string>>;
  #queue: Promise<void> = Promise.resolve();
  #services: WidgetServices | undefined;
  #lifecycles: MfeLifecycles | undefined;
  #parcel: Parcel | undefined;
  #controller: AbortController | undefined;
  #destroyed = false;

  constructor(init: WidgetInit) {
    this.#init = init;
    this.#props = init.props;
    this.#set('LOADING');
    init.view.slot.showLoading(init.name);
    this.#enqueue(() => this.#mount());
  }

  get id(): string {
    return this.#init.id;
  }

  /** New attribute props: handed to the MFE's update, or a remount when it has none. */
  setProps(props: Readonly<Record<string, string>>): void {
    this.#props = props;
    this.#enqueue(() => this.#update());
  }

  /** Unmounts and frees everything; the widget's state is gone from the page's list. */
  destroy(): Promise<void> {
    this.#destroyed = true;
    this.#enqueue(async () => {
      await this.#unmountParcel();
      this.#init.view.slot.element.remove();
      this.#init.runtime.store.delete(this.id);
    });
    return this.#queue;
  }

  #enqueue(operation: () => Promise<void>): void {
    this.#queue = this.#queue.then(operation).catch((error: unknown) => log.error(`widget ${this.id}: ${describeError(error)}`));
  }

  async #mount(): Promise<void> {
    if (this.#destroyed) return;
    const { view, runtime } = this.#init;
    try {
      this.#services ??= await runtime.services(this.#init.name);
    } catch (error) {
      return this.#fail(isRefusal(error) ? 'REFUSED' : 'LOAD_ERROR', toAtriumError(error, this.#init.name), isRefusal(error) ? 'config' : 'load');
    }
    const services = this.#services;
    const title = services.entry.title ?? services.entry.name;
    this.#set('LOADING');
    view.slot.showLoading(title);
    try {
      // The stylesheets load into this widget's own root, in parallel with the (shared) code.
      const styles = attachStylesheets(stylesheetUrls(services.entry), view.styleRoot);
      this.#lifecycles = await services.lifecycles();
      await styles.catch((error: unknown) => {
        throw new RemoteLoadError(services.entry.name, services.entry.entryUrl.href, `mfe '${services.entry.name}' could not be loaded: ${describeError(error)} — check that the files in its manifest entry's "css" are deployed`, { cause: error });
      });
    } catch (error) {
      return this.#fail('LOAD_ERROR', toAtriumError(error, services.entry.name), 'load');
    }
    if (this.#destroyed) return;
    await this.#mountParcel(services, this.#lifecycles);
  }

  async #mountParcel(services: WidgetServices, lifecycles: MfeLifecycles): Promise<void> {
    this.#set('MOUNTING');
    this.#controller = new AbortController();
    this.#init.runtime.track('liveSignals', 1);
    this.#parcel = mountRootParcel(this.#parcelConfig(services, lifecycles), { domElement: this.#init.view.slot.root });
    this.#init.runtime.track('parcels', 1);
    try {
      await this.#parcel.mountPromise;
    } catch (error) {
      return this.#fail('BROKEN', toAtriumError(error, services.entry.name), 'mount');
    }
    this.#set('MOUNTED');
    this.#init.view.slot.clearStatus();
    if (performance.getEntriesByName(FIRST_WIDGET_MARK).length === 0) mark(FIRST_WIDGET_MARK, { widget: this.id });
  }

  async #update(): Promise<void> {
    if (this.#destroyed) return;
    const state = this.#init.runtime.store.get(this.id);
    const services = this.#services;
    const lifecycles = this.#lifecycles;
    if (!services || !lifecycles || !this.#parcel || state?.status !== 'MOUNTED') {
      // Not showing anything yet, or failed: start over with the new props.
      if (state && FAILED.has(state.status)) await this.#retry();
      return;
    }
    if (!this.#parcel.update) {
      // No update lifecycle: the MFE only reads props when mounting, so remount it.
      await this.#unmountParcel();
      return this.#mountParcel(services, lifecycles);
    }
    this.#set('UPDATING');
    try {
      await this.#parcel.update({});
      this.#set('MOUNTED');
    } catch (error) {
      this.#fail('BROKEN', toAtriumError(error, services.entry.name), 'update');
    }
  }

  async #retry(): Promise<void> {
    await this.#unmountParcel();
    this.#services?.reload();
    this.#lifecycles = undefined;
    await this.#mount();
  }

  async #unmountParcel(): Promise<void> {
    const parcel = this.#parcel;
    const controller = this.#controller;
    this.#parcel = undefined;
    this.#controller = undefined;
    if (controller) {
      controller.abort(new DOMException(`widget ${this.id} unmounted`, 'AbortError'));
      this.#init.runtime.track('liveSignals', -1);
    }
    if (!parcel) return;
    this.#init.runtime.track('parcels', -1);
    const status = parcel.getStatus();
    if (status !== 'MOUNTED') return;
    this.#set('UNMOUNTING');
    await parcel.unmount().catch((error: unknown) => log.warn(`widget ${this.id} failed to unmount cleanly`, error));
    // The host owns the box: whatever the MFE left behind goes.
    this.#init.view.slot.root.replaceChildren();
  }

  #parcelConfig(services: WidgetServices, lifecycles: MfeLifecycles): ParcelConfigObject {
    const step = (name: Exclude<LifecycleStep, 'load'>, fn: LifecycleFn | readonly LifecycleFn[] | undefined) => (spaProps: AppProps) =>
      this.#step(services, name, fn, spaProps);
    return {
      name: this.id,
      bootstrap: step('bootstrap', lifecycles.bootstrap),
      mount: step('mount', lifecycles.mount),
      unmount: step('unmount', lifecycles.unmount),
      ...(lifecycles.update ? { update: step('update', lifecycles.update) } : {}),
      timeouts: { bootstrap: SPA_TIMEOUT, mount: SPA_TIMEOUT, unmount: SPA_TIMEOUT, unload: SPA_TIMEOUT },
    } as ParcelConfigObject;
  }

  async #step(services: WidgetServices, step: Exclude<LifecycleStep, 'load'>, fn: LifecycleFn | readonly LifecycleFn[] | undefined, spaProps: AppProps): Promise<void> {
    if (!fn) return;
    const { entry, timeouts } = services;
    const props = this.#atriumProps(services, spaProps);
    const ms = (step === 'update' ? undefined : entry.timeouts?.[step]) ?? timeouts[step === 'update' ? 'mount' : step];
    const run = async () => {
      for (const each of [fn].flat() as LifecycleFn[]) await each(props);
    };
    try {
      await timed(this.id, step, () => withTimeout(run(), ms), () => undefined);
    } catch (error) {
      const timedOut = error instanceof StepTimeout;
      const verb = { bootstrap: 'bootstrapping', mount: 'mounting', unmount: 'unmounting', update: 'updating' }[step];
      const message = timedOut
        ? `widget ${this.id}: mfe '${entry.name}' did not finish ${verb} within ${ms} ms — make ${step} settle faster, or raise timeouts.${step} in its manifest entry`
        : `widget ${this.id}: mfe '${entry.name}' died while ${verb}: ${describeError(error)}`;
      throw new LifecycleError(entry.name, step, timedOut, message, { cause: error });
    }
  }

  #atriumProps(services: WidgetServices, spaProps: AppProps): AtriumProps {
    const signal = this.#controller?.signal ?? AbortSignal.abort();
    return {
      name: services.entry.name,
      domElement: this.#init.view.slot.root,
      basePath: '',
      region: 'widget',
      version: services.entry.version,
      props: { ...services.entry.props, ...this.#props },
      signal,
      mountParcel: spaProps.mountParcel as AtriumProps['mountParcel'],
      navigate: services.navigate,
      apis: services.apisFor(signal),
      session: services.session,
    };
  }

  #fail(status: WidgetStatus, error: AtriumError, step: LifecycleStep | 'config'): void {
    this.#set(status, error);
    const { runtime, view, name } = this.#init;
    runtime.errors.report({ mfe: name || undefined, step: step === 'config' ? 'config' : step, error });
    const title = this.#services?.entry.title ?? (name || 'This widget');
    const state = { name, status: status === 'BROKEN' ? 'BROKEN' : 'LOAD_ERROR', version: '', url: '', attempt: 0, timings: {}, lastError: error } satisfies MfeState;
    if (status === 'REFUSED') view.slot.showFallback(title, state, () => undefined);
    else view.slot.showFallback(title, state, () => this.#enqueue(() => this.#retry()));
  }

  #set(status: WidgetStatus, lastError?: AtriumError): void {
    const props = { ...this.#services?.entry.props, ...this.#props };
    this.#init.runtime.store.set(this.id, { name: this.#init.name, status, props, ...(lastError ? { lastError } : {}) });
  }
}

function isRefusal(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConfigError';
}

function toAtriumError(error: unknown, mfe: string): AtriumError {
  // single-spa wraps what a lifecycle threw; the cause is ours, with the message people need.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  for (const candidate of [error, cause]) {
    if (candidate instanceof Error && ['RemoteLoadError', 'LifecycleError', 'ManifestError', 'ConfigError', 'SharedVersionError'].includes(candidate.name)) return candidate as AtriumError;
  }
  return new RemoteLoadError(mfe, '', describeError(error), { cause: error });
}
