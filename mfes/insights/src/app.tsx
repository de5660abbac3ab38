import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { defineMfe } from '@atrium/shared';
import { Insights } from './Insights.js';
import { css } from './styles.js';

// Keyed by element, not by the props object: single-spa passes a new one on every call.
const roots = new WeakMap<HTMLElement, Root>();

export const { bootstrap, mount, unmount } = defineMfe<{ title?: string }>({
  async mount({ domElement, props }) {
    const style = document.createElement('style');
    style.textContent = css;
    const container = document.createElement('div');
    container.dataset['mfeInsights'] = '';
    domElement.append(style, container);
    const root = createRoot(container);
    roots.set(domElement, root);
    root.render(<Insights title={props.title ?? 'Spending insights'} />);
  },
  async unmount({ domElement }) {
    roots.get(domElement)?.unmount();
    roots.delete(domElement);
    domElement.replaceChildren();
  },
});
