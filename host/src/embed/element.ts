import { createLogger } from '@atrium/shared';
// The element ships in embed.js itself: only the small files, the rest of widgets/ is the lazy chunk.
import { attributesToProps, sameProps } from '../widgets/attributes.js';
import { widgetBasePath } from '../widgets/base-path.js';
import { createWidgetView } from '../widgets/view.js';
import type { Widget, WidgetHost, WidgetView } from '../widgets/index.js';
import type { AtriumError } from '@atrium/shared';

const log = createLogger('host:embed');

/** The tag CMS authors write: `<atrium-widget name="markets" base="USD">`. */
export const WIDGET_TAG = 'atrium-widget';

/**
 * Defines `<atrium-widget>`. The element is cheap and lives in embed.js; the widget host (page
 * runtime, Module Federation, single-spa, API layer) arrives as a chunk and each element hands
 * itself over once it is there. Attributes are watched with a MutationObserver, since any
 * attribute can be a prop (`observedAttributes` would need the list up front).
 */
export function defineWidgetElement(host: Promise<WidgetHost>, tag: string = WIDGET_TAG): void {
  class AtriumWidgetElement extends HTMLElement {
    #view: WidgetView | undefined;
    #widget: Promise<Widget | undefined> | undefined;
    #observer: MutationObserver | undefined;
    #props: Readonly<Record<string, string>> = {};
    #name = '';
    #isolation: string | null = null;
    #basePath: string | null = null;

    connectedCallback(): void {
      // Moved within the page (disconnected and reconnected in one task): keep what is mounted.
      if (this.#widget) return;
      this.#name = this.getAttribute('name') ?? '';
      this.#isolation = this.getAttribute('isolation');
      this.#basePath = this.getAttribute('base-path');
      this.#props = attributesToProps(this);
      const view = (this.#view = createWidgetView(this, this.#name || 'widget'));
      view.slot.showLoading(this.#name || 'widget');
      this.#widget = host.then(
        (widgets) => (this.isConnected && this.#view === view ? widgets.createWidget(this.#name, view, this.#props, widgetBasePath(this)) : undefined),
        (error: unknown) => {
          log.error(`embed.js could not load its runtime: ${String(error)} — check the network and that the host serves its assets with CORS`);
          view.slot.showFallback(this.#name || 'This widget', { status: 'LOAD_ERROR', lastError: error as AtriumError }, () => location.reload());
          return undefined;
        },
      );
      this.#observer = new MutationObserver(() => this.#onAttributes());
      this.#observer.observe(this, { attributes: true });
    }

    disconnectedCallback(): void {
      // Wait for the end of the task: a move is a disconnect followed by a connect.
      queueMicrotask(() => {
        if (!this.isConnected) void this.#teardown();
      });
    }

    async #teardown(): Promise<void> {
      const widget = this.#widget;
      const view = this.#view;
      this.#widget = undefined;
      this.#view = undefined;
      this.#observer?.disconnect();
      this.#observer = undefined;
      await (await widget)?.destroy();
      view?.slot.element.remove();
    }

    #onAttributes(): void {
      const identity = [this.getAttribute('name') ?? '', this.getAttribute('isolation'), this.getAttribute('base-path')];
      if (identity[0] !== this.#name || identity[1] !== this.#isolation || identity[2] !== this.#basePath) {
        // Another MFE, isolation or base path: a new widget, not an update.
        void this.#teardown().then(() => this.isConnected && this.connectedCallback());
        return;
      }
      const props = attributesToProps(this);
      if (sameProps(props, this.#props)) return;
      this.#props = props;
      void this.#widget?.then((widget) => widget?.setProps(props));
    }
  }

  if (customElements.get(tag)) {
    log.warn(`<${tag}> is already defined on this page (embed.js included twice?); the first definition stays`);
    return;
  }
  customElements.define(tag, AtriumWidgetElement);
}
