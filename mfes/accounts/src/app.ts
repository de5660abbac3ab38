import { defineMfe } from '@atrium/shared';
import type { AtriumProps } from '@atrium/shared';
import { ACCOUNTS, formatCents, TRANSACTIONS } from './data.js';
import type { Account } from './data.js';
import { css } from './styles.js';

const TYPE_LABEL: Record<Account['type'], string> = { checking: 'Checking', savings: 'Savings', credit: 'Credit card' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function overview(basePath: string): HTMLElement {
  const section = el('section');
  const total = ACCOUNTS.reduce((sum, a) => sum + a.balanceCents, 0);
  section.append(el('h1', 'Your accounts'), el('p', `Net position across ${ACCOUNTS.length} accounts: ${formatCents(total)}`, 'lede'));
  const cards = el('div', undefined, 'cards');
  for (const account of ACCOUNTS) {
    const card = el('a', undefined, 'card');
    card.href = `${basePath}/${account.id}`;
    card.append(
      el('div', TYPE_LABEL[account.type], 'type'),
      el('div', account.name, 'name'),
      el('div', formatCents(account.balanceCents), account.balanceCents < 0 ? 'balance negative' : 'balance'),
      el('div', account.iban, 'iban'),
    );
    cards.append(card);
  }
  section.append(cards);
  return section;
}

function detail(basePath: string, account: Account): HTMLElement {
  const section = el('section');
  const back = el('a', '← All accounts', 'back');
  back.href = basePath;
  section.append(back, el('h1', account.name), el('p', `${account.iban} · Balance ${formatCents(account.balanceCents)}`, 'lede'));
  const table = el('table');
  const head = el('tr');
  head.append(el('th', 'Date'), el('th', 'Description'), el('th', 'Category'), el('th', 'Amount', 'amount'));
  table.append(head);
  for (const t of TRANSACTIONS[account.id] ?? []) {
    const row = el('tr');
    row.append(el('td', t.date), el('td', t.description), el('td', t.category), el('td', formatCents(t.amountCents), t.amountCents < 0 ? 'amount negative' : 'amount'));
    table.append(row);
  }
  section.append(table);
  return section;
}

function render(view: HTMLElement, basePath: string): void {
  const id = location.pathname.slice(basePath.length + 1).split('/')[0];
  const account = ACCOUNTS.find((a) => a.id === id);
  view.replaceChildren(account ? detail(basePath, account) : overview(basePath));
}

export const { bootstrap, mount, unmount } = defineMfe({
  async mount({ domElement, basePath, signal }: AtriumProps) {
    const root = el('div');
    root.dataset['mfeAccounts'] = '';
    const style = el('style', css);
    const view = el('div');
    root.append(style, view);
    domElement.append(root);
    render(view, basePath);
    // Sub-routes (/accounts/<id>) change without a remount; listen for as long as this mount lives.
    window.addEventListener('single-spa:routing-event', () => render(view, basePath), { signal });
  },
  async unmount({ domElement }) {
    domElement.replaceChildren();
  },
});
