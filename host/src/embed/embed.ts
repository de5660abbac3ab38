// embed.js: the one script a CMS page includes. It stays small: it defines <atrium-widget>, asks
// for the config at once, and fetches the widget host (page runtime, Module Federation,
// single-spa, manifest, API layer) as a chunk in parallel. See README, "Embedding widgets in a CMS page".
import { createLogger } from '@atrium/shared';
import { EMBED_START_MARK } from '../observability/marks.js';
import { defineWidgetElement, WIDGET_TAG } from './element.js';
import { fetchManifestEarly } from './early.js';

const log = createLogger('host:embed');

function findConfigUrl(): string {
  const self = import.meta.url;
  // A module script has no document.currentScript: find our tag by its resolved src.
  const script = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find((s) => s.src === self)
    ?? document.querySelector<HTMLScriptElement>('script[data-config]');
  const configured = script?.dataset['config'];
  return new URL(configured || 'atrium.config.json', configured ? document.baseURI : self).href;
}

function boot(): void {
  performance.mark(EMBED_START_MARK);
  if (customElements.get(WIDGET_TAG)) {
    log.warn('embed.js is included more than once on this page; only the first one runs');
    return;
  }
  const configUrl = findConfigUrl();
  // The credentials mode of a `<link rel="preload" as="fetch" crossorigin>` (what the WordPress
  // plugin prints beside the first widget), so the browser hands this fetch the preloaded
  // response: the config then arrives with embed.js instead of one round trip after it. On
  // another origin, 'same-origin' sends no cookies, as 'omit' did.
  const config = fetch(configUrl, { cache: 'no-cache', credentials: 'same-origin', mode: 'cors' });
  config.catch(() => undefined);
  // The API layer comes with the code of a widget's MFE when that MFE calls an API without
  // sign-in (its manifest entry's `apis`); otherwise a widget's first API call loads it.
  const manifest = fetchManifestEarly(config, configUrl, WIDGET_TAG, () => void import('@atrium/shared/api').catch(() => undefined));
  // A refused page gets one console error, from the runtime's error reporter, in words for the embedder.
  const host = import('../widgets/index.js').then(({ startWidgets }) => {
    const widgets = startWidgets({ configUrl, config, manifest });
    window.atriumEmbed = widgets.api();
    return widgets;
  });
  defineWidgetElement(host);
}

boot();
