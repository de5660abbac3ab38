import { defineMfe } from '@atrium/shared';
import type { AtriumProps, Session } from '@atrium/shared';
import type { ApiClients } from '@atrium/shared';
import type { CustomerApiPaths } from '@atrium/shared/api-types';
import { formatDate, formatIban, formatMoney, sumMoney, TYPE_LABEL } from './format.js';
import type { Account, Transaction } from './format.js';
import { css } from './styles.js';

type Apis = ApiClients<{ 'customer-api': CustomerApiPaths }>;
type Props = AtriumProps<Record<string, unknown>, Apis>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function button(label: string, run: () => void, signal: AbortSignal): HTMLButtonElement {
  const node = el('button', label);
  node.type = 'button';
  node.addEventListener('click', run, { signal });
  return node;
}

function signedOut(session: Session, signal: AbortSignal): HTMLElement {
  const section = el('section', undefined, 'signed-out');
  section.append(el('h1', 'Your accounts'));
  if (!session.enabled) {
    section.append(el('p', 'Sign-in is not available on this site, so your accounts cannot be shown.', 'lede'));
    return section;
  }
  const failure = el('p', undefined, 'error');
  failure.setAttribute('role', 'alert');
  const signIn = button('Sign in', () => {
    signIn.disabled = true;
    session.signIn(location.pathname + location.search).catch((error: unknown) => {
      signIn.disabled = false;
      failure.textContent = (error as Error).message;
    });
  }, signal);
  section.append(el('p', 'Sign in to see your accounts', 'lede'), signIn, failure);
  return section;
}

function loading(text: string): HTMLElement {
  const node = el('p', text, 'lede');
  node.setAttribute('role', 'status');
  return node;
}

function failed(what: string, error: unknown, retry: () => void, signal: AbortSignal): HTMLElement {
  const section = el('section');
  const alert = el('div', undefined, 'problem');
  alert.setAttribute('role', 'alert');
  alert.append(el('strong', `${what} could not be loaded right now.`), el('p', (error as Error).message, 'muted'));
  section.append(el('h1', 'Your accounts'), alert, button('Try again', retry, signal));
  return section;
}

function overview(props: Props, accounts: readonly Account[]): HTMLElement {
  const section = el('section');
  const name = props.session.user?.name ?? props.session.user?.sub;
  const total = sumMoney(accounts.map((a) => a.balance));
  const lede = `${name ? `Welcome back, ${name}. ` : ''}Net position across ${accounts.length} accounts${total ? `: ${formatMoney(total)}` : ''}`;
  section.append(el('h1', 'Your accounts'), el('p', lede, 'lede'));
  const cards = el('div', undefined, 'cards');
  for (const account of accounts) {
    const card = el('a', undefined, 'card');
    card.href = `${props.basePath}/${encodeURIComponent(account.id)}`;
    card.append(
      el('div', TYPE_LABEL[account.type], 'type'),
      el('div', account.name, 'name'),
      el('div', formatMoney(account.balance), account.balance.value < 0 ? 'balance negative' : 'balance'),
      el('div', account.maskedPan ?? formatIban(account.iban), 'iban'),
    );
    cards.append(card);
  }
  section.append(cards);
  return section;
}

function detail(basePath: string, account: Account, transactions: readonly Transaction[]): HTMLElement {
  const section = el('section');
  const back = el('a', '← All accounts', 'back');
  back.href = basePath;
  section.append(back, el('h1', account.name), el('p', `${formatIban(account.iban)} · Balance ${formatMoney(account.balance)}`, 'lede'));
  const table = el('table');
  const head = el('tr');
  head.append(el('th', 'Date'), el('th', 'Description'), el('th', 'Category'), el('th', 'Amount', 'amount'));
  table.append(head);
  for (const t of transactions) {
    const row = el('tr');
    const what = `${t.description} — ${t.counterparty}${t.status === 'pending' ? ' (pending)' : ''}`;
    row.append(el('td', formatDate(t.bookedAt)), el('td', what), el('td', t.category.replace(/_/g, ' ')), el('td', formatMoney(t.amount), t.amount.value < 0 ? 'amount negative' : 'amount'));
    table.append(row);
  }
  section.append(table);
  return section;
}

/** The account id in the URL under this MFE's route, if any. */
function selectedId(basePath: string): string | undefined {
  const segment = location.pathname.slice(basePath.length + 1).split('/')[0];
  return segment ? decodeURIComponent(segment) : undefined;
}

// Per element, not per props object: single-spa passes a new one on every call.
const renders = new WeakMap<HTMLElement, number>();

async function render(view: HTMLElement, props: Props): Promise<void> {
  const turn = (renders.get(view) ?? 0) + 1;
  renders.set(view, turn);
  const current = () => renders.get(view) === turn && !props.signal.aborted;
  const { session, signal, basePath } = props;
  if (!session.isAuthenticated) return void view.replaceChildren(signedOut(session, signal));
  const api = props.apis['customer-api'];
  if (!api) return void view.replaceChildren(el('h1', 'Your accounts'), el('p', 'Accounts are not configured for this page.', 'error'));
  const id = selectedId(basePath);
  view.replaceChildren(loading(id ? 'Loading the account…' : 'Loading your accounts…'));
  try {
    if (id) {
      const path = { accountId: id };
      const [account, page] = await Promise.all([
        api.get('/accounts/{accountId}', { params: { path }, signal }),
        api.get('/accounts/{accountId}/transactions', { params: { path, query: { limit: 25 } }, signal }),
      ]);
      if (current()) view.replaceChildren(detail(basePath, account, page.items));
    } else {
      const list = await api.get('/accounts', { signal });
      if (current()) view.replaceChildren(overview(props, list.items));
    }
  } catch (error) {
    if (!current()) return;
    // Signed out while loading: the session event renders the signed-out view.
    if (!session.isAuthenticated) return void view.replaceChildren(signedOut(session, signal));
    view.replaceChildren(failed(id ? 'This account' : 'Your accounts', error, () => void render(view, props), signal));
  }
}

export const { bootstrap, mount, unmount } = defineMfe({
  async mount(raw) {
    const props = raw as Props;
    const { domElement, signal, session } = props;
    const root = el('div');
    root.dataset['mfeAccounts'] = '';
    const view = el('div');
    root.append(el('style', css), view);
    domElement.append(root);
    const rerender = () => void render(view, props);
    // Sub-routes (/accounts/<id>) change without a remount; listen for as long as this mount lives.
    window.addEventListener('single-spa:routing-event', rerender, { signal });
    for (const event of ['signed-in', 'signed-out', 'expired'] as const) {
      const stop = session.on(event, rerender);
      signal.addEventListener('abort', stop, { once: true });
    }
    // The first paint need not wait for the data: mount settles, the view fills in.
    void render(view, props);
  },
  async unmount({ domElement }) {
    domElement.replaceChildren();
  },
});
