import type { ShellApi } from '../shell/api.js';
import { sharedInUse } from './shared-in-use.js';
import { css } from './styles.js';

export interface OverlayOptions {
  readonly api: ShellApi;
  /** Current overrides and a way to change them (undefined when the deployment disables them). */
  readonly overrides?: { readonly current: () => Record<string, string>; readonly set: (name: string, url: string | undefined) => void };
}

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

const ms = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(1)} ms`);

/**
 * The Atrium devtools overlay: each MFE's status, version, URL, timings, last error and
 * override, the active route, and the shared versions in use, with retry and remount actions.
 * Returns a function that closes it.
 */
export function openOverlay(options: OverlayOptions): () => void {
  const host = document.createElement('atrium-devtools');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const panel = document.createElement('section');
  panel.className = 'panel';
  panel.setAttribute('aria-label', 'Atrium devtools');
  shadow.append(style, panel);
  document.body.append(host);

  const controller = new AbortController();
  const close = () => {
    controller.abort();
    host.remove();
  };
  const render = () => renderPanel(panel, options, close);
  render();
  const unsubscribe = options.api.onStateChange(() => render());
  controller.signal.addEventListener('abort', unsubscribe);
  window.addEventListener('single-spa:routing-event', render, { signal: controller.signal });
  return close;
}

function renderPanel(panel: HTMLElement, options: OverlayOptions, close: () => void): void {
  const { api } = options;
  const header = document.createElement('header');
  const title = document.createElement('h2');
  title.textContent = `Atrium devtools · route ${location.pathname}`;
  header.append(title, button('Close', close));

  const table = document.createElement('table');
  const head = document.createElement('tr');
  for (const label of ['MFE', 'status', 'version', 'URL', 'load', 'mount', 'last error', '']) {
    const th = document.createElement('th');
    th.textContent = label;
    head.append(th);
  }
  table.append(head);
  const overrides = options.overrides?.current() ?? {};
  for (const state of api.states()) {
    const row = document.createElement('tr');
    row.dataset['mfe'] = state.name;
    const actions = document.createElement('td');
    actions.className = 'row-actions';
    if (state.status === 'LOAD_ERROR' || state.status === 'BROKEN') actions.append(button('Retry', () => void api.retry(state.name)));
    if (state.status === 'MOUNTED') actions.append(button('Remount', () => void api.remount(state.name)));
    if (options.overrides) {
      const input = document.createElement('input');
      input.placeholder = 'override URL';
      input.value = overrides[state.name] ?? '';
      input.setAttribute('aria-label', `override URL for ${state.name}`);
      input.addEventListener('change', () => options.overrides?.set(state.name, input.value.trim() || undefined));
      actions.append(input);
    }
    row.append(
      cell(state.name),
      cell(state.status, `status-${state.status}`),
      cell(state.version),
      cell(`${state.url}${overrides[state.name] ? ' (override)' : ''}`, 'url'),
      cell(ms(state.timings.load)),
      cell(ms(state.timings.mount)),
      cell(state.lastError?.message ?? '', 'error'),
      actions,
    );
    table.append(row);
  }

  const sharedTitle = document.createElement('h3');
  sharedTitle.textContent = 'Shared dependencies in use';
  const shared = document.createElement('table');
  for (const share of sharedInUse()) {
    const row = document.createElement('tr');
    row.append(cell(share.pkg), cell(share.version), cell(`from ${share.from}`, 'muted'), cell(share.loaded ? 'loaded' : 'registered', share.loaded ? '' : 'muted'));
    shared.append(row);
  }
  const problemsTitle = document.createElement('h3');
  problemsTitle.textContent = `Manifest problems (${api.manifestProblems().length})`;
  const problems = document.createElement('table');
  for (const problem of api.manifestProblems()) {
    const row = document.createElement('tr');
    row.append(cell(problem.severity), cell(`${problem.where ?? 'document'} ${problem.field ?? ''}`), cell(problem.message, 'error'));
    problems.append(row);
  }
  panel.replaceChildren(header, table, sharedTitle, shared, problemsTitle, problems);
}
