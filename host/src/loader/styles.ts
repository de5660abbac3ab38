import { resolveOnOrigin } from '@atrium/shared/policy';
import type { ResolvedEntry } from '../manifest/index.js';
import { integrityFor } from './integrity.js';

/**
 * The absolute URLs of an entry's stylesheets (`css` in the manifest, relative to the entry).
 * The schema admits only relative paths; anything that still resolves off the entry's origin
 * is dropped, so stylesheets come from the same allowed origin as the code.
 */
export function stylesheetUrls(entry: ResolvedEntry): string[] {
  return (entry.css ?? []).flatMap((path) => resolveOnOrigin(path, entry.entryUrl)?.href ?? []);
}

/**
 * Puts `<link rel="stylesheet">` elements for `urls` into `parent` (the document's head for the
 * shell, a widget's shadow root when embedded) and resolves once they have loaded, so the MFE
 * never mounts unstyled. A link already in `parent` is reused, not duplicated. Links resolve
 * `url(…)` inside the CSS against the stylesheet's own URL, which constructable sheets would not.
 *
 * @example
 * ```ts
 * await attachStylesheets(stylesheetUrls(entry), shadowRoot);
 * ```
 */
export function attachStylesheets(urls: readonly string[], parent: ParentNode = document.head): Promise<void> {
  const existing = new Map<string, HTMLLinkElement>();
  for (const link of parent.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) existing.set(link.href, link);
  return Promise.all(urls.map((href) => existing.get(href) ? loaded(existing.get(href)!) : loaded(append(parent, href)))).then(() => undefined);
}

function append(parent: ParentNode, href: string): HTMLLinkElement {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  const integrity = integrityFor(href);
  if (integrity) {
    // The browser applies nothing whose bytes differ from the manifest's hash.
    link.integrity = integrity;
    link.crossOrigin = 'anonymous';
  }
  link.href = href;
  link.dataset['atriumCss'] = '';
  parent.append(link);
  return link;
}

const settled = new WeakMap<HTMLLinkElement, Promise<void>>();

function loaded(link: HTMLLinkElement): Promise<void> {
  let promise = settled.get(link);
  if (!promise) {
    promise = link.sheet
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          link.addEventListener('load', () => resolve(), { once: true });
          link.addEventListener('error', () => {
            // Gone, so that a retry appends a fresh link instead of reusing the failed one.
            link.remove();
            reject(new Error(`stylesheet ${link.href} could not be loaded`));
          }, { once: true });
        });
    settled.set(link, promise);
  }
  return promise;
}
