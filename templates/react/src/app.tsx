import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { defineMfe } from '@atrium/shared';
import { Home } from './Home.js';
import { css } from './styles.js';

/** What the manifest entry's `props` may set for this MFE. */
export interface Props {
  readonly title?: string;
}

// Keyed by element, not by the props object: single-spa passes a new one on every call.
const roots = new WeakMap<HTMLElement, Root>();

export const { bootstrap, mount, unmount } = defineMfe<Props>({
  async mount({ domElement, props, signal }) {
    const style = document.createElement('style');
    style.textContent = css;
    const container = document.createElement('div');
    container.setAttribute('data-mfe-__NAME__', '');
    domElement.append(style, container);
    const root = createRoot(container);
    roots.set(domElement, root);
    const render = () => root.render(<Home title={props.title ?? '__TITLE__'} online={navigator.onLine} />);
    // Synchronous first render: mount resolves with the content on screen.
    flushSync(render);
    // Window listeners outlive the DOM unless removed: the signal is aborted when this mount ends.
    window.addEventListener('online', render, { signal });
    window.addEventListener('offline', render, { signal });
  },
  async unmount({ domElement }) {
    roots.get(domElement)?.unmount();
    roots.delete(domElement);
    domElement.replaceChildren();
  },
});
