import { defineMfe } from '@atrium/shared';
import { css } from './styles.js';

/** What the manifest entry's `props` may set for this MFE. */
export interface Props {
  readonly title?: string;
}

/** Starter content: replace with your own view. Each step is a thing the team does next. */
const STEPS = [
  'Run it in the host: __DEVCMD__',
  'Change this view in __DIR__src/app.ts',
  'Check the contract: __CHECKCMD__',
  'Deploy dist/ to a versioned folder and point the manifest entry at it',
] as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function showConnection(status: HTMLElement): void {
  status.dataset['online'] = String(navigator.onLine);
  status.textContent = navigator.onLine ? 'You are online.' : 'You are offline: changes are kept until you reconnect.';
}

export const { bootstrap, mount, unmount } = defineMfe<Props>({
  async mount({ domElement, props, signal }) {
    const root = el('div');
    root.setAttribute('data-mfe-__NAME__', '');
    const list = el('ol');
    const items = STEPS.map((step) => el('li', step));
    list.append(...items);
    const next = el('button', 'Mark next step done');
    next.type = 'button';
    // Listeners on the MFE's own nodes go with its DOM; the signal covers the rest.
    next.addEventListener('click', () => {
      const item = items.find((li) => !li.classList.contains('done'));
      item?.classList.add('done');
      next.disabled = items.every((li) => li.classList.contains('done'));
    }, { signal });
    const card = el('section', undefined, 'card');
    card.append(el('h2', 'Getting started'), list, next);
    const status = el('p', undefined, 'status');
    status.setAttribute('role', 'status');
    showConnection(status);
    root.append(el('style', css), el('h1', props.title ?? '__TITLE__'), el('p', 'A new Atrium MFE, built and deployed by its own team.', 'lede'), card, status);
    domElement.append(root);
    // Window listeners outlive the DOM unless removed: the signal is aborted when this mount ends.
    window.addEventListener('online', () => showConnection(status), { signal });
    window.addEventListener('offline', () => showConnection(status), { signal });
  },
  async unmount({ domElement }) {
    domElement.replaceChildren();
  },
});
