import { createLogger } from '@atrium/shared';
import { sameOriginPath } from '@atrium/shared/policy';
import type { ResolvedEntry } from '../manifest/index.js';

const log = createLogger('host:widgets');

/**
 * Where a widget's navigation goes. A CMS page has no routes of ours, so a path of the app
 * (`navigate('/accounts/1')`, or a link the MFE renders under its base path) opens on the portal:
 * the full app of this deployment, at the MFE's own route there. Only same-origin paths are
 * followed; anything else (`javascript:`, another site) is refused and logged.
 */
export function widgetLinks(portalOrigin: string, entry: ResolvedEntry): { navigate: (path: string) => void; follow: (root: HTMLElement, basePath: string) => () => void } {
  const route = entry.routes === 'always' ? '' : (entry.routes[0] ?? '');
  const open = (path: string) => location.assign(new URL(path, portalOrigin).href);
  const navigate = (path: string) => {
    const safe = sameOriginPath(path, portalOrigin);
    if (safe === undefined) {
      log.warn(`navigate(${JSON.stringify(String(path)).slice(0, 120)}) refused in widget '${entry.name}': only paths of the app like "/accounts/1" are allowed`);
      return;
    }
    open(safe);
  };
  const follow = (root: HTMLElement, basePath: string) => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && node.hasAttribute('href'));
      if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
      const url = new URL(anchor.href, location.href);
      if (url.origin !== location.origin) return;
      // A link into the widget's own part of the page: the same view, under the MFE's route on the portal.
      const rest = basePath && (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`)) ? url.pathname.slice(basePath.length) : undefined;
      if (rest === undefined) return;
      event.preventDefault();
      open(`${route}${rest}${url.search}${url.hash}` || '/');
    };
    root.addEventListener('click', onClick);
    return () => root.removeEventListener('click', onClick);
  };
  return { navigate, follow };
}
