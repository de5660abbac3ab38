import { provideStaticShares } from './shares.js';

// The page a resolver renders for a path imports the shell and the planned chunks of that path's
// MFEs in one module graph (scripts/lib/boot-graph.mjs): the browser evaluates them in one task,
// and hands the chunks' namespaces to the shell here, so the first mounts need no `import()` and
// happen in that same task. The names below are the page's side of that protocol.
export const GRAPH_ID = 'atrium-boot-graph';
export const HANDOFF_KEY = 'atrium.boot-modules';

/**
 * How long a load waits for the graph when the shell started without it (its `async` copy ran
 * first because a planned chunk is still downloading, or hangs). Past this the load imports the
 * chunk itself, as on a page without a graph: a remote that hangs costs the others this much
 * once, and no more.
 */
const GRAPH_WAIT_MS = 1000;

const handed = new Map<string, unknown>();
let taken = false;
const onTaken: (() => void)[] = [];
let settled: Promise<void> | undefined;

/**
 * Makes the shell ready for a boot graph; called first when the shell's entry is evaluated,
 * before the graph's MFE chunks run: puts the shared packages they read in place, and takes the
 * evaluated chunks the graph hands over. The first hand-over counts: code on the page runs in
 * one realm with the shell and is trusted as much (an MFE could patch anything else too).
 */
export function acceptBootModules(): void {
  provideStaticShares();
  const global = globalThis as unknown as Record<symbol, unknown>;
  global[Symbol.for(HANDOFF_KEY)] = (modules: unknown) => {
    if (taken || !Array.isArray(modules)) return;
    taken = true;
    for (const pair of modules) if (Array.isArray(pair) && typeof pair[0] === 'string') handed.set(pair[0], pair[1]);
    for (const listener of onTaken.splice(0)) listener();
  };
}

/** True when the page's boot graph imports `url`: the page fetches it already, nothing to preload. */
export function inBootGraph(url: string): boolean {
  return (document.getElementById(GRAPH_ID)?.dataset['modules'] ?? '').split(' ').includes(url);
}

/**
 * The evaluated planned chunk at `url` from the page's boot graph, or undefined when the page
 * has none for it (the caller imports it): at once when the graph ran first (the usual case),
 * else once the graph has run or failed, the document is parsed, or {@link GRAPH_WAIT_MS} passed.
 * Each chunk is handed out once: a retry or a second instance imports as usual.
 */
export async function bootModule(url: string): Promise<unknown> {
  if (!taken && !inBootGraph(url)) return undefined;
  await bootGraphRan();
  const module = handed.get(url);
  handed.delete(url);
  return module;
}

/**
 * Settles once the page's boot graph has run (handed its modules over), failed, or can no longer
 * be waited for; at once on a page without one. What the graph imports ahead of the planned
 * chunks (single-spa's chunk) has been evaluated by then.
 */
export async function bootGraphRan(): Promise<void> {
  if (taken) return;
  const graph = document.getElementById(GRAPH_ID);
  if (!graph || contentLoaded()) return;
  await (settled ??= graphSettled(graph));
}

/** Settles when the graph has handed over or failed (its files), or can no longer be waited for. */
function graphSettled(graph: HTMLElement): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, GRAPH_WAIT_MS);
    onTaken.push(done);
    graph.addEventListener('error', done, { once: true });
    // A graph that ran and threw in a chunk hands nothing over; it has run by DOMContentLoaded.
    document.addEventListener('DOMContentLoaded', done, { once: true });
  });
}

function contentLoaded(): boolean {
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return document.readyState === 'complete' || (navigation?.domContentLoadedEventStart ?? 0) > 0;
}
