import { resolveOnOrigin } from '@atrium/shared/policy';
import type { ResolvedEntry } from '../manifest/index.js';
import { fileIntegrity, tamperedFileMessage } from './integrity.js';

/**
 * The absolute URLs of an entry's stylesheets (`css` in the manifest, relative to the entry).
 * The schema admits only relative paths; anything that still resolves off the entry's origin
 * is dropped, so stylesheets come from the same allowed origin as the code.
 */
export function stylesheetUrls(entry: ResolvedEntry): string[] {
  return (entry.css ?? []).flatMap((path) => resolveOnOrigin(path, entry.entryUrl)?.href ?? []);
}

/**
 * Puts `<link rel="stylesheet">` elements for the entry's stylesheets into `parent` (the
 * document's head for the shell, a widget's shadow root when embedded) and resolves once they
 * have loaded, so the MFE never mounts unstyled. Each link carries the hash the entry's `files`
 * pin for it, taken from the entry itself: whatever else has or has not run yet (a widget
 * attaches its styles while the code is still loading), the browser applies nothing whose bytes
 * differ from the manifest. A link already in `parent` is reused, not duplicated. Links resolve
 * `url(…)` inside the CSS against the stylesheet's own URL, which constructable sheets would not.
 * Rejects with a message that says which file failed and why (changed since the manifest was
 * written, or not there).
 *
 * @example
 * ```ts
 * await attachStylesheets(entry, shadowRoot);
 * ```
 */
export function attachStylesheets(entry: ResolvedEntry, parent: ParentNode = document.head): Promise<void> {
  const pins = fileIntegrity(entry);
  const existing = new Map<string, HTMLLinkElement>();
  for (const link of parent.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) existing.set(link.href, link);
  const links = stylesheetUrls(entry).map((href) => loaded(existing.get(href) ?? append(parent, href, pins.get(href))));
  return Promise.all(links).then(() => undefined, async (error: unknown) => {
    const tampered = await tamperedFileMessage(entry, 'stylesheet');
    throw new Error(tampered ?? `${error instanceof Error ? error.message : String(error)} — check that the files listed in its manifest entry's "css" are deployed`, { cause: error });
  });
}

function append(parent: ParentNode, href: string, integrity: string | undefined): HTMLLinkElement {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  if (integrity) {
    // The browser applies nothing whose bytes differ from the manifest's hash. The same
    // attributes as the early preload of a CMS page (embed/early.ts), so the browser uses it.
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
