import { mountRootParcel } from 'single-spa';
import type { Parcel, ParcelConfigObject } from 'single-spa';
import type { AtriumError, AtriumProps, MfeLifecycles } from '@atrium/shared';
import type { LifecycleStep, LifecycleTimeouts } from '@atrium/shared/internal';
import { createLogger } from '@atrium/shared';
import { describeError, isHostError, RemoteLoadError } from '../errors.js';
import { attachStylesheets } from '../loader/index.js';
import { buildProps, LifecycleRunner } from '../lifecycle/index.js';
import type { PageProps, StepHooks } from '../lifecycle/index.js';
import type { ResolvedEntry } from '../manifest/index.js';
import type { ErrorReporter } from '../observability/errors.js';
import type { Slot } from '../ui/index.js';
import { mark } from '../observability/timing.js';
import { FIRST_WIDGET_MARK } from '../observability/marks.js';
import type { WidgetStatus, WidgetStore } from './widget-store.js';

const log = createLogger('host:widgets');

/** Where a widget renders: the host-owned box (status line + MFE root) and where its CSS goes. */
export interface WidgetView {
  readonly slot: Slot;
  /** The widget's shadow root, or document.head when the element opted out of isolation. */
  readonly styleRoot: ParentNode;
}

/** What a widget needs from the page to load and mount its MFE. */
export interface WidgetServices {
  readonly entry: ResolvedEntry;
  readonly timeouts: Required<LifecycleTimeouts>;
  readonly hooks: StepHooks | undefined;
  /** The MFE's lifecycles, loaded once per page whatever the number of widgets showing it. */
  lifecycles(): Promise<MfeLifecycles>;
  /** After a failed load: the next `lifecycles()` reloads under a cache-busting URL. */
  reload(): void;
  pageProps(signal: AbortSignal): PageProps;
  /** `props.navigate` in a widget: a same-origin path of the full app, opened on the portal. */
  navigate(path: string): void;
  /** Links clicked inside the widget that leave it go to the portal, under the MFE's route. */
  followLinks(root: HTMLElement, basePath: string): () => void;
}

/** What a widget needs from the page it is on (the widget host). */
export interface WidgetContext {
  readonly store: WidgetStore;
  readonly errors: ErrorReporter;
  /** The services for one MFE; rejects when the page may not embed or the name is unknown. */
  services(name: string): Promise<WidgetServices>;
  /** Bookkeeping the leak checks read: a parcel taken (true) or given back (false). */
  track(widget: Widget, mounted: boolean): void;
}

export interface WidgetInit {
  readonly id: string;
  readonly name: string;
  readonly view: WidgetView;
  readonly props: Readonly<Record<string, string>>;
  /** The MFE's base path on this page: the page's own path (or the element's `base-path`). */
  readonly basePath: string;
  readonly context: WidgetContext;
}

const FAILED = new Set<WidgetStatus>(['LOAD_ERROR', 'BROKEN', 'REFUSED']);

/**
 * One `<atrium-widget>`: its MFE mounted as a single-spa parcel, driven by the same lifecycle
 * runner as the shell's applications. Attribute changes go to the MFE's `update` (or remount it
 * when it has none); `destroy` unmounts the parcel, fires the abort signal and forgets the
 * widget. Operations run one after the other, in the order asked.
 */
export class Widget {
  readonly #init: WidgetInit;
  #props: Readonly<Record<string, string>>;
  #queue: Promise<void> = Promise.resolve();
  #services: WidgetServices | undefined;
  #lifecycles: MfeLifecycles | undefined;
  #parcel: Parcel | undefined;
  #runner: LifecycleRunner | undefined;
  #unfollow: (() => void) | undefined;
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

  /** True while the MFE holds a live abort signal from this widget. */
  get live(): boolean {
    return this.#runner?.live ?? false;
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
      this.#init.context.store.delete(this.id);
    });
    return this.#queue;
  }

  #enqueue(operation: () => Promise<void>): void {
    this.#queue = this.#queue.then(operation).catch((error: unknown) => log.error(`widget ${this.id}: ${describeError(error)}`));
  }

  async #mount(): Promise<void> {
    if (this.#destroyed) return;
    const { view, context } = this.#init;
    try {
      this.#services ??= await context.services(this.#init.name);
    } catch (error) {
      return this.#fail(isRefusal(error) ? 'REFUSED' : 'LOAD_ERROR', toAtriumError(error, this.#init.name), 'load');
    }
    const services = this.#services;
    view.slot.showLoading(services.entry.title ?? services.entry.name);
    try {
      // The stylesheets load into this widget's own root, in parallel with the (shared) code.
      const styles = attachStylesheets(services.entry, view.styleRoot);
      this.#lifecycles = await services.lifecycles();
      await styles.catch((error: unknown) => {
        throw new RemoteLoadError(services.entry.name, services.entry.entryUrl.href, `mfe '${services.entry.name}' could not be loaded: ${describeError(error)}`, { cause: error });
      });
    } catch (error) {
      return this.#fail('LOAD_ERROR', toAtriumError(error, services.entry.name), 'load');
    }
    if (this.#destroyed) return;
    await this.#mountParcel(services, this.#lifecycles);
  }

  async #mountParcel(services: WidgetServices, lifecycles: MfeLifecycles): Promise<void> {
    this.#set('MOUNTING');
    const runner = (this.#runner = this.#makeRunner(services, lifecycles));
    this.#parcel = mountRootParcel(runner.forSingleSpa() as ParcelConfigObject, { domElement: this.#init.view.slot.root });
    this.#init.context.track(this, true);
    try {
      await this.#parcel.mountPromise;
    } catch {
      return; // the runner's failure path has marked, shown and reported it
    }
    this.#set('MOUNTED');
    this.#init.view.slot.clearStatus();
    this.#unfollow = services.followLinks(this.#init.view.slot.root, this.#init.basePath);
    if (performance.getEntriesByName(FIRST_WIDGET_MARK).length === 0) mark(FIRST_WIDGET_MARK, { widget: this.id });
  }

  #makeRunner(services: WidgetServices, lifecycles: MfeLifecycles): LifecycleRunner {
    const { entry } = services;
    return new LifecycleRunner({
      entry,
      lifecycles,
      timeouts: services.timeouts,
      instance: this.id,
      ...(services.hooks ? { hooks: services.hooks } : {}),
      props: (signal, spaProps) =>
        buildProps(entry, signal, services.pageProps(signal), {
          domElement: this.#init.view.slot.root,
          basePath: this.#init.basePath,
          region: 'widget',
          props: { ...entry.props, ...this.#props },
          navigate: services.navigate,
          mountParcel: spaProps.mountParcel as AtriumProps['mountParcel'],
        }),
      onFailure: (failure) => this.#fail('BROKEN', failure, failure.step),
    });
  }

  async #update(): Promise<void> {
    if (this.#destroyed) return;
    const state = this.#init.context.store.get(this.id);
    const services = this.#services;
    const lifecycles = this.#lifecycles;
    if (!services || !lifecycles || !this.#parcel || state?.status !== 'MOUNTED') {
      // Not showing anything yet, or failed: start over with the new props.
      if (state && FAILED.has(state.status) && state.status !== 'REFUSED') await this.#retry();
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
    } catch {
      // reported by the runner
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
    this.#parcel = undefined;
    this.#unfollow?.();
    this.#unfollow = undefined;
    // The signal ends with the widget, whether or not its parcel ever mounted.
    this.#runner?.abort();
    if (!parcel) return;
    this.#init.context.track(this, false);
    if (parcel.getStatus() !== 'MOUNTED') return;
    this.#set('UNMOUNTING');
    await parcel.unmount().catch((error: unknown) => log.warn(`widget ${this.id} failed to unmount cleanly`, error));
    // The host owns the box: whatever the MFE left behind goes.
    this.#init.view.slot.root.replaceChildren();
  }

  #fail(status: WidgetStatus, error: AtriumError, step: LifecycleStep): void {
    this.#set(status, error);
    const { context, view, name } = this.#init;
    if (status === 'REFUSED') {
      // The embedder's mistake, said once for the page (by the runtime); the visitor sees a
      // neutral placeholder, not an error the team would be "notified" of.
      view.slot.showUnavailable();
      return;
    }
    context.errors.report({ mfe: name || undefined, step, error });
    const title = this.#services?.entry.title ?? (name || 'This widget');
    view.slot.showFallback(title, { status: status === 'BROKEN' ? 'BROKEN' : 'LOAD_ERROR', lastError: error }, () => this.#enqueue(() => this.#retry()));
  }

  #set(status: WidgetStatus, lastError?: AtriumError): void {
    const props = { ...this.#services?.entry.props, ...this.#props };
    this.#init.context.store.set(this.id, { name: this.#init.name, status, props, ...(lastError ? { lastError } : {}) });
  }
}

function isRefusal(error: unknown): boolean {
  return isHostError(error, 'ConfigError');
}

function toAtriumError(error: unknown, mfe: string): AtriumError {
  // single-spa wraps what a lifecycle threw; the cause is ours, with the message people need.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  for (const candidate of [error, cause]) if (isHostError(candidate)) return candidate;
  return new RemoteLoadError(mfe, '', describeError(error), { cause: error });
}
