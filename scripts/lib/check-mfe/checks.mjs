// Turns what the driver measured into checks: pass/fail, what was seen, and the fix.

/** @typedef {import('./run.mjs').Check} Check */

const LISTENER_FIX = 'pass props.signal to every window/document listener (`addEventListener(type, fn, { signal })`), or remove it in unmount';
const TIMER_FIX = "clear timers when the mount ends: `signal.addEventListener('abort', () => clearInterval(id))`, or clearTimeout/cancelAnimationFrame in unmount";

/**
 * @param {any} once the driver's mountOnce result
 * @returns {Check[]}
 */
export function mountChecks(once) {
  /** @type {Check[]} */
  const checks = [];
  if (once.mountError) {
    checks.push({ id: 'mount', title: 'mounts with the host\'s props', status: 'fail', detail: once.mountError, fix: 'mount must resolve (within its timeout) without throwing' });
    return checks;
  }
  if (once.rendered === 0) checks.push({ id: 'renders', title: 'renders into its element', status: 'warn', detail: 'its element was still empty when mount resolved', fix: 'render before mount resolves, so the host can time and report the mount' });

  const head = once.head.length ? ` (allowed in <head>: ${once.head.length} style/link/script element${once.head.length === 1 ? '' : 's'})` : '';
  checks.push(once.outside.length
    ? { id: 'scope', title: 'renders only inside its element', status: 'fail', detail: once.outside.slice(0, 5).join('; ') + head, fix: 'render into props.domElement only; a modal or toast goes inside it too (position: fixed works from there)' }
    : { id: 'scope', title: 'renders only inside its element', status: 'pass', detail: head.trim() || undefined });

  const leftovers = [];
  if (once.leftInsideCount > 0) leftovers.push(`${once.leftInsideCount} node${once.leftInsideCount === 1 ? '' : 's'} left in its element (${once.leftInside.join(', ')})`);
  if (once.leftOutside.length) leftovers.push(`still in the page: ${once.leftOutside.join(', ')}`);
  if (once.unmountError) leftovers.unshift(`unmount failed: ${once.unmountError}`);
  checks.push(leftovers.length
    ? { id: 'unmount-dom', title: 'unmount removes its DOM', status: 'fail', detail: leftovers.join('; '), fix: 'end unmount with `domElement.replaceChildren()` (and root.unmount() for React)' }
    : { id: 'unmount-dom', title: 'unmount removes its DOM', status: 'pass' });

  /** @type {{ kind: string, what: string, where: string }[]} */
  const active = once.active;
  if (!active.length) {
    checks.push({ id: 'unmount-active', title: 'unmount removes its listeners and timers', status: 'pass' });
  } else {
    checks.push({
      id: 'unmount-active', title: 'unmount removes its listeners and timers', status: 'fail',
      detail: `still active after unmount: ${summarize(active)}`,
      fix: fixFor(active),
    });
  }
  return checks;
}

const HEAP_TOLERANCE_BYTES = 1024 * 1024;
const NODE_TOLERANCE = 50;

/**
 * Growth between the end of the warm-up and the end of all cycles: anything that grows with every
 * mount is a leak that a long session pays for.
 * @param {{ total: number, warmup: number, error: string, before: any, after: any }} run
 * @returns {Check[]}
 */
export function cycleChecks({ total, warmup, error, before, after }) {
  const title = `${total} mount/unmount cycles without growth`;
  if (error) return [{ id: 'cycles', title, status: 'fail', detail: error, fix: 'mount and unmount must work again and again: the host remounts on every visit' }];
  const growth = {
    listeners: after.listeners - before.listeners,
    timers: after.timers - before.timers,
    domNodes: after.domNodes - before.domNodes,
    nodes: after.nodes - before.nodes,
    jsListeners: after.jsListeners - before.jsListeners,
    heap: after.heap - before.heap,
  };
  const heapLimit = HEAP_TOLERANCE_BYTES + before.heap * 0.1;
  const problems = [];
  if (growth.listeners > 0 || growth.timers > 0) problems.push(`window/document listeners ${signed(growth.listeners)}, active timers ${signed(growth.timers)}: ${summarize(after.active)}`);
  if (growth.domNodes > 0) problems.push(`elements in the document +${growth.domNodes}`);
  if (growth.nodes > NODE_TOLERANCE) problems.push(`DOM nodes kept alive +${growth.nodes} (detached nodes something still references)`);
  if (growth.jsListeners > NODE_TOLERANCE) problems.push(`event listeners kept alive +${growth.jsListeners}`);
  if (growth.heap > heapLimit) problems.push(`JS heap +${kb(growth.heap)} after GC (tolerance ${kb(heapLimit)})`);
  const cycles = total - warmup;
  const summary = `over the last ${cycles}: listeners ${signed(growth.listeners)}, timers ${signed(growth.timers)}, DOM nodes ${signed(growth.nodes)}, JS heap ${growth.heap >= 0 ? '+' : '−'}${kb(Math.abs(growth.heap))}`;
  return [problems.length
    ? { id: 'cycles', title, status: 'fail', detail: `${problems.join('; ')} — ${summary}`, fix: growth.listeners > 0 || growth.timers > 0 ? fixFor(after.active) : 'whatever mount creates, unmount must release: subscriptions, caches keyed by the element (use a WeakMap) and references to old DOM' }
    : { id: 'cycles', title, status: 'pass', detail: summary }];
}

/**
 * @param {{ url: string, type: string, transfer: number, raw: number }[]} files
 * @returns {Check}
 */
export function sizeOf(files) {
  const js = files.filter((f) => f.type === 'script' || /\.m?js(?:\?|$)/.test(f.url));
  const css = files.filter((f) => f.type === 'stylesheet' || /\.css(?:\?|$)/.test(f.url));
  const sum = (/** @type {typeof files} */ list, /** @type {'transfer' | 'raw'} */ key) => list.reduce((total, f) => total + f[key], 0);
  const parts = [`JS ${js.length} file${js.length === 1 ? '' : 's'}, ${kb(sum(js, 'transfer'))} transferred (${kb(sum(js, 'raw'))} uncompressed)`];
  if (css.length) parts.push(`CSS ${css.length} file${css.length === 1 ? '' : 's'}, ${kb(sum(css, 'transfer'))}`);
  return { id: 'size', title: 'size', status: 'info', detail: parts.join('; ') };
}

/**
 * "window "resize" listener at assets/app-x.js:1:20 (×45)", one line per distinct leak.
 * @param {{ kind: string, what: string, where: string, note: string }[]} active
 */
function summarize(active) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const a of active) counts.set(`${a.what} at ${a.where}`, (counts.get(`${a.what} at ${a.where}`) ?? 0) + 1);
  const lines = [...counts].map(([text, n]) => (n > 1 ? `${text} (×${n})` : text));
  return lines.slice(0, 6).join('; ') + (lines.length > 6 ? ` and ${lines.length - 6} more` : '');
}

/** @param {{ kind: string, note: string }[]} active */
function fixFor(active) {
  const notes = [...new Set(active.map((a) => a.note).filter(Boolean))];
  return [
    ...notes,
    active.some((a) => a.kind === 'listener' && !a.note) ? LISTENER_FIX : '',
    active.some((a) => a.kind !== 'listener') ? TIMER_FIX : '',
  ].filter(Boolean).join('; ');
}

/** @param {number} bytes */
function kb(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** @param {number} n */
function signed(n) {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '+0';
}
