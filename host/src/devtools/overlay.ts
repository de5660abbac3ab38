import type { ManifestProblem } from '../manifest/index.js';
import type { MfeState } from '../registry/index.js';
import { eventsSection, observeEvents } from './events-section.js';
import { sharedInUse } from './shared-in-use.js';
import { css } from './styles.js';

/** What the overlay reads and does: the shell's `window.atrium`, or anything shaped like it. */
export interface DevtoolsSource {
  states(): MfeState[];
  onStateChange(listener: () => void): () => void;
  manifestProblems(): readonly ManifestProblem[];
  retry(name: string): Promise<void>;
  remount(name: string): Promise<void>;
}

export interface OverlayOptions {
  readonly api: DevtoolsSource;
  /** Current overrides and a way to change them (undefined when the deployment disables them). */
  readonly overrides?: { readonly current: () => ReadonlyMap<string, string>; readonly set: (name: string, url: string | undefined) => void };
}

/** Rows per page: the overlay stays instant with a manifest of 10,000 entries. */
const PAGE_SIZE = 50;

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
 * override, the active route, the shared versions in use and the last events between MFEs, with
 * retry and remount actions.
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
  const view: ViewState = { page: 0, filter: '' };
  let queued = false;
  // Many MFEs change state in one routing pass: one render per frame, not one per change.
  const render = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      if (!controller.signal.aborted) renderPanel(panel, options, close, view, render);
    });
  };
  renderPanel(panel, options, close, view, render);
  const unsubscribe = options.api.onStateChange(() => render());
  controller.signal.addEventListener('abort', unsubscribe);
  controller.signal.addEventListener('abort', observeEvents(render));
  window.addEventListener('single-spa:routing-event', render, { signal: controller.signal });
  return close;
}

interface ViewState {
  page: number;
  filter: string;
}

/** The states to show: filtered by name, one page of them. */
function pageOf(states: readonly MfeState[], view: { readonly page: number; readonly filter: string }): { rows: MfeState[]; pages: number; page: number; total: number } {
  const wanted = view.filter ? states.filter((state) => state.name.includes(view.filter)) : states;
  const pages = Math.max(1, Math.ceil(wanted.length / PAGE_SIZE));
  const page = Math.min(Math.max(0, view.page), pages - 1);
  return { rows: wanted.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE), pages, page, total: wanted.length };
}

function renderPanel(panel: HTMLElement, options: OverlayOptions, close: () => void, view: ViewState, rerender: () => void): void {
  const { api } = options;
  const header = document.createElement('header');
  const title = document.createElement('h2');
  title.textContent = `Atrium devtools · route ${location.pathname}`;
  header.append(title, button('Close', close));
  const shown = pageOf(api.states(), view);
  view.page = shown.page;
  const pager = document.createElement('div');
  pager.className = 'pager';
  const filter = document.createElement('input');
  filter.placeholder = 'filter by name';
  filter.setAttribute('aria-label', 'filter MFEs by name');
  filter.value = view.filter;
  filter.addEventListener('change', () => {
    view.filter = filter.value.trim();
    view.page = 0;
    rerender();
  });
  const where = document.createElement('span');
  where.textContent = `${shown.total} MFEs · page ${shown.page + 1} of ${shown.pages}`;
  const previous = button('Previous', () => ((view.page -= 1), rerender()));
  previous.disabled = shown.page === 0;
  const next = button('Next', () => ((view.page += 1), rerender()));
  next.disabled = shown.page >= shown.pages - 1;
  pager.append(filter, previous, where, next);

  const table = document.createElement('table');
  const head = document.createElement('tr');
  for (const label of ['MFE', 'status', 'version', 'URL', 'load', 'mount', 'last error', '']) {
    const th = document.createElement('th');
    th.textContent = label;
    head.append(th);
  }
  table.append(head);
  const overrides = options.overrides?.current() ?? new Map<string, string>();
  for (const state of shown.rows) {
    const row = document.createElement('tr');
    row.dataset['mfe'] = state.name;
    const actions = document.createElement('td');
    actions.className = 'row-actions';
    if (state.status === 'LOAD_ERROR' || state.status === 'BROKEN') actions.append(button('Retry', () => void api.retry(state.name)));
    if (state.status === 'MOUNTED') actions.append(button('Remount', () => void api.remount(state.name)));
    if (options.overrides) {
      const input = document.createElement('input');
      input.placeholder = 'override URL';
      input.value = overrides.get(state.name) ?? '';
      input.setAttribute('aria-label', `override URL for ${state.name}`);
      input.addEventListener('change', () => options.overrides?.set(state.name, input.value.trim() || undefined));
      actions.append(input);
    }
    row.append(
      cell(state.name),
      cell(state.status, `status-${state.status}`),
      cell(state.version),
      cell(`${state.url}${overrides.has(state.name) ? ' (override)' : ''}`, 'url'),
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
  panel.replaceChildren(header, pager, table, sharedTitle, shared, problemsTitle, problems, ...eventsSection(cell));
}
