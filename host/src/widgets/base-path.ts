import { trimSlash } from '@atrium/shared/policy';

/**
 * A widget's base path on this page: the element's `base-path` attribute, else the page's own
 * path. An MFE reads the URL below its base path as its state; on a CMS page that is nothing.
 */
export function widgetBasePath(element: Element, pathname: string = location.pathname): string {
  const path = element.getAttribute('base-path') ?? pathname;
  const trimmed = trimSlash(path.startsWith('/') ? path : `/${path}`);
  return trimmed === '/' ? '' : trimmed;
}
