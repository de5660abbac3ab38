import { createLogger } from '@atrium/shared';
import { sameOriginPath } from '@atrium/shared/policy';
import { singleSpa } from '../loader/index.js';

const log = createLogger('host:navigation');

/**
 * `props.navigate` in the shell: history navigation to a same-origin path. Anything else
 * (`javascript:`, another origin, `//host`) is refused and logged, never followed.
 */
export function navigateInApp(path: string): void {
  const safe = sameOriginPath(path, location.origin);
  if (safe === undefined) {
    log.warn(`navigate(${JSON.stringify(String(path)).slice(0, 120)}) refused: only same-origin paths like "/accounts/1" are allowed`);
    return;
  }
  navigateTo(safe);
}

/**
 * single-spa's navigation, once it is on the page (a chunk of its own, there moments after first
 * content); should it fail to arrive, the browser navigates instead.
 */
function navigateTo(path: string): void {
  singleSpa().then(
    (spa) => spa.navigateToUrl(path),
    () => location.assign(path),
  );
}

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
    navigateTo(url.pathname + url.search + url.hash);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
