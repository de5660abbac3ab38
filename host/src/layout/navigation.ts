import { navigateToUrl } from 'single-spa';

/**
 * Turns same-origin link clicks into history navigation, so moving between MFEs never reloads
 * the page. Links that ask for a real navigation (target, download, modifier keys, another
 * origin, `data-atrium-reload`) are left to the browser.
 */
export function interceptLinks(root: Document = document): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a[href]');
    if (!(anchor instanceof HTMLAnchorElement)) return;
    if (anchor.target && anchor.target !== '_self') return;
    if (anchor.hasAttribute('download') || anchor.dataset['atriumReload'] !== undefined) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigateToUrl(url.pathname + url.search + url.hash);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}

/** True when `path` is under `prefix` at a segment boundary: `/accounts` matches `/accounts/1`, not `/accountsx`. */
export function matchesPrefix(path: string, prefix: string): boolean {
  if (prefix === '/') return true;
  return path === prefix || path.startsWith(`${prefix}/`);
}
