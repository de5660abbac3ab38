import { defineMfe } from '@atrium/shared';
import type { AtriumProps } from '@atrium/shared';
import type { ApiClients } from '@atrium/shared';
import type { ThirdPartyApiPaths } from '@atrium/shared/api-types';
// A real stylesheet (not a CSS string): the host attaches it, see styles.css.
import './styles.css';

type Apis = ApiClients<{ 'fx-rates': ThirdPartyApiPaths }>;
type Currency = 'EUR' | 'USD' | 'GBP' | 'CHF' | 'JPY' | 'SEK' | 'NOK' | 'DKK' | 'PLN' | 'CZK' | 'CAD' | 'AUD';

interface MarketsProps {
  /** Base currency; a widget sets it with the `base` attribute. */
  readonly base?: string;
  /** `compact` hides the history chart (for narrow CMS columns). */
  readonly variant?: string;
}

const NAMES: Record<string, string> = {
  USD: 'US dollar', GBP: 'Pound sterling', CHF: 'Swiss franc', JPY: 'Japanese yen', SEK: 'Swedish krona',
  NOK: 'Norwegian krone', DKK: 'Danish krone', PLN: 'Polish złoty', CZK: 'Czech koruna', CAD: 'Canadian dollar', AUD: 'Australian dollar', EUR: 'Euro',
};
const SHOWN = ['USD', 'GBP', 'CHF', 'JPY', 'SEK', 'PLN'];
const REFRESH_MS = 60_000;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function sparkline(points: readonly { rate: number }[]): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 100 32');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  const rates = points.map((p) => p.rate);
  const min = Math.min(...rates);
  const span = Math.max(...rates) - min || 1;
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  path.setAttribute('points', rates.map((r, i) => `${(i / Math.max(rates.length - 1, 1)) * 100},${30 - ((r - min) / span) * 28}`).join(' '));
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', '#0b5cab');
  path.setAttribute('stroke-width', '1.5');
  path.setAttribute('vector-effect', 'non-scaling-stroke');
  svg.append(path);
  return svg;
}

async function render(view: HTMLElement, props: AtriumProps<MarketsProps, Apis>): Promise<void> {
  const api = props.apis['fx-rates'];
  const base = (props.props.base ?? 'EUR').toUpperCase() as Currency;
  if (!api) {
    view.replaceChildren(el('p', 'Exchange rates are not configured for this page.', 'error'));
    return;
  }
  try {
    const [rates, history] = await Promise.all([
      api.get('/rates', { params: { query: { base } }, signal: props.signal }),
      props.props.variant === 'compact' ? undefined : api.get('/rates/{pair}/history', { params: { path: { pair: `${base}-USD` }, query: { days: 30 } }, signal: props.signal }),
    ]);
    const table = el('table');
    for (const code of SHOWN.filter((c) => c !== base)) {
      const rate = rates.rates[code];
      if (rate === undefined) continue;
      const row = el('tr');
      const label = el('td');
      label.append(el('span', code, 'code'), el('span', NAMES[code] ?? code, 'name'));
      row.append(label, el('td', rate.toLocaleString('en-IE', { maximumFractionDigits: 4 }), 'rate'));
      table.append(row);
    }
    const updated = new Date(rates.timestamp).toLocaleTimeString('en-IE', { hour: '2-digit', minute: '2-digit' });
    const parts: Node[] = [el('h2', `1 ${base} buys`), el('p', `Indicative mid-market rates · updated ${updated}`, 'lede'), table];
    if (history && history.points.length > 1) {
      const chart = sparkline(history.points);
      chart.setAttribute('aria-label', `${base} to USD over the last 30 days`);
      parts.push(el('p', `${base}/USD, last 30 days`, 'muted'), chart);
    }
    view.className = 'card';
    view.replaceChildren(...parts);
  } catch (error) {
    if (props.signal.aborted) return;
    const retry = el('button', 'Try again');
    retry.type = 'button';
    retry.addEventListener('click', () => void render(view, props), { signal: props.signal });
    view.replaceChildren(el('p', 'Exchange rates are unavailable right now.', 'error'), el('p', (error as Error).message, 'muted'), retry);
  }
}

// Per element, not per props object: single-spa passes a new one on every call.
const latest = new WeakMap<HTMLElement, HTMLElement>();

export const { bootstrap, mount, unmount, update } = defineMfe<MarketsProps, Apis>({
  async mount(props) {
    const { domElement, region, signal } = props;
    const root = el('div');
    root.dataset['mfeMarkets'] = '';
    const view = el('div', 'Loading exchange rates…', 'card muted');
    // A page of its own in the portal; as a widget on a CMS page the page around it has the title.
    if (region !== 'widget') root.append(el('h1', 'Markets'), el('p', 'Foreign exchange for travel and international payments.', 'lede'));
    root.append(view);
    domElement.append(root);
    latest.set(domElement, view);
    await render(view, props);
    const timer = setInterval(() => void render(view, props), REFRESH_MS);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  },
  async update(props) {
    const view = latest.get(props.domElement);
    if (view) await render(view, props);
  },
  async unmount({ domElement }) {
    latest.delete(domElement);
    domElement.replaceChildren();
  },
});
