import type { MfeLifecycles } from '@atrium/shared';
import { createLogger } from '@atrium/shared';
import { addErrorHandler } from 'single-spa';
import { ManifestError } from '../errors.js';
import type { ResolvedEntry } from '../manifest/index.js';
import type { ErrorReporter } from '../observability/errors.js';
import type { PageRuntime } from '../runtime/index.js';
import type { EmbedApi } from './api.js';
import { widgetLinks } from './links.js';
import { Widget } from './widget.js';
import type { WidgetContext, WidgetServices, WidgetView } from './widget.js';
import { WidgetStore } from './widget-store.js';

const log = createLogger('host:widgets');

/**
 * The widgets of one page on top of the page runtime: one config and manifest, one Module
 * Federation instance, one API cache and one session, however many widgets the page shows.
 */
export class WidgetHost implements WidgetContext {
  readonly store = new WidgetStore();
  readonly errors: ErrorReporter;
  readonly ready: Promise<void>;
  readonly #runtime: Promise<PageRuntime>;
  readonly #entries: Promise<ReadonlyMap<string, ResolvedEntry>>;
  readonly #loads = new Map<string, { attempt: number; failed: boolean; promise: Promise<MfeLifecycles> }>();
  readonly #attempts = new Map<string, number>();
  readonly #ids = new Map<string, number>();
  readonly #parcels = new Set<Widget>();

  constructor(runtime: Promise<PageRuntime>, errors: ErrorReporter) {
    this.errors = errors;
    this.#runtime = runtime;
    // Parcel failures are contained and reported by the widgets; without a handler single-spa
    // would rethrow each of them as an uncaught error on the CMS page.
    addErrorHandler((error) => log.debug('single-spa reported', error.message));
    this.#entries = runtime.then(async (rt) => {
      // Back from the IdP on this page: finish the sign-in (and clean the address bar) first.
      const [manifest] = await Promise.all([rt.manifest, rt.signingIn]);
      // Fetch the code of every MFE the page shows at once, before each widget asks for its own.
      const names = new Set([...document.querySelectorAll('atrium-widget')].map((element) => element.getAttribute('name')));
      for (const entry of manifest.entries) if (names.has(entry.name)) rt.preload(entry);
      return new Map(manifest.entries.map((entry) => [entry.name, entry]));
    });
    this.ready = this.#entries.then(() => undefined);
    this.ready.catch(() => undefined);
  }

  /** Creates the widget behind one element; it starts loading at once. */
  createWidget(name: string, view: WidgetView, props: Readonly<Record<string, string>>, basePath: string): Widget {
    const count = (this.#ids.get(name) ?? 0) + 1;
    this.#ids.set(name, count);
    return new Widget({ id: `${name}#${count}`, name, view, props, basePath, context: this });
  }

  /** The services for one MFE; rejects when the page may not embed or the name is unknown. */
  async services(name: string): Promise<WidgetServices> {
    const [runtime, entries] = await Promise.all([this.#runtime, this.#entries]);
    const entry = entries.get(name);
    if (!entry) {
      throw new ManifestError(`no MFE named "${name}" in the manifest — fix: set the element's name to one of ${[...entries.keys()].map((n) => `"${n}"`).join(', ') || '(none: the manifest has no valid entries)'}`);
    }
    const links = widgetLinks(runtime.config.embed.portalOrigin, entry);
    return {
      entry,
      timeouts: runtime.config.timeouts,
      hooks: runtime.hooks.steps,
      lifecycles: () => this.#lifecycles(runtime, entry),
      reload: () => this.#reload(entry),
      pageProps: (signal) => runtime.pageProps(entry, signal),
      navigate: links.navigate,
      followLinks: links.follow,
    };
  }

  /** Bookkeeping the leak checks read: every parcel taken must be given back. */
  track(widget: Widget, mounted: boolean): void {
    if (mounted) this.#parcels.add(widget);
    else this.#parcels.delete(widget);
  }

  api(): EmbedApi {
    return {
      version: '0.1.0',
      widgets: () => this.store.all(),
      onError: (listener) => this.errors.on(listener),
      onWidgetChange: (listener) => this.store.subscribe(listener),
      errors: () => this.errors.history(),
      resources: () => ({ parcels: this.#parcels.size, liveSignals: [...this.#parcels].filter((w) => w.live).length }),
      ready: this.ready,
    };
  }

  #lifecycles(runtime: PageRuntime, entry: ResolvedEntry): Promise<MfeLifecycles> {
    const existing = this.#loads.get(entry.name);
    if (existing) return existing.promise;
    const attempt = this.#attempts.get(entry.name) ?? 0;
    // Stylesheets are each widget's business: every shadow root gets its own links.
    const load = { attempt, failed: false, promise: runtime.load(entry, attempt, { styles: false }) };
    load.promise.catch(() => (load.failed = true));
    this.#loads.set(entry.name, load);
    return load.promise;
  }

  #reload(entry: ResolvedEntry): void {
    const load = this.#loads.get(entry.name);
    // Only a failed load is thrown away (once, however many widgets retry); a working one stays shared.
    if (!load?.failed) return;
    this.#loads.delete(entry.name);
    this.#attempts.set(entry.name, load.attempt + 1);
  }
}
