import { defineMfe } from '@atrium/shared';
import type { AtriumProps } from '@atrium/shared';
import { renderAccount } from './account.js';
import { css } from './styles.js';

interface NavProps {
  readonly links?: readonly { readonly href: string; readonly label: string }[];
}

const DEFAULT_LINKS = [
  { href: '/accounts', label: 'Accounts' },
  { href: '/insights', label: 'Spending insights' },
  { href: '/markets', label: 'Markets' },
  { href: '/payments', label: 'Payments' },
];

function markCurrent(list: HTMLElement): void {
  for (const link of list.querySelectorAll('a')) {
    const path = new URL(link.href).pathname;
    const current = location.pathname === path || location.pathname.startsWith(`${path}/`);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function render(domElement: HTMLElement, links: NavProps['links']): HTMLElement {
  const root = document.createElement('div');
  root.dataset['mfeNavigation'] = '';
  const style = document.createElement('style');
  style.textContent = css;
  const brand = document.createElement('div');
  brand.className = 'brand';
  // DOM nodes, not markup: the shipped CSP requires Trusted Types, so innerHTML with a string throws.
  const mark = document.createElement('span');
  mark.className = 'brand-mark';
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = 'N';
  const name = document.createElement('span');
  name.textContent = 'Northwind Bank';
  brand.append(mark, name);
  const list = document.createElement('ul');
  for (const { href, label } of links ?? DEFAULT_LINKS) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = href;
    link.textContent = label;
    item.append(link);
    list.append(item);
  }
  const help = document.createElement('p');
  help.className = 'help';
  help.textContent = 'Need help? Call 0800 123 456, weekdays 8:00–20:00.';
  const account = document.createElement('div');
  account.className = 'account';
  root.append(style, brand, list, account, help);
  domElement.append(root);
  markCurrent(list);
  return list;
}

export const { bootstrap, mount, unmount } = defineMfe<NavProps>({
  async bootstrap() {},
  async mount({ domElement, props, signal, session }: AtriumProps<NavProps>) {
    const list = render(domElement, props.links);
    const account = domElement.querySelector<HTMLElement>('.account');
    if (account) renderAccount(account, session, signal);
    // The signal ends with this mount, so the listener cannot outlive it. (Not `popstate`:
    // single-spa keeps popstate listeners in its own list and ignores their signal; its routing
    // event fires on back/forward too.)
    window.addEventListener('single-spa:routing-event', () => markCurrent(list), { signal });
  },
  async unmount({ domElement }) {
    domElement.replaceChildren();
  },
});
