import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BOOT_GRAPH_ID, BOOT_HANDOFF_KEY, GRAPH_SHARES } from '../../../scripts/lib/boot-graph.mjs';
import { GRAPH_ID, HANDOFF_KEY } from './boot-graph.js';
import { STATIC_SHARES } from './shares.js';

const A = 'https://cdn.example/a/app.js';
const B = 'https://cdn.example/b/app.js';
const handOver = (modules: unknown) => (globalThis as unknown as Record<symbol, (m: unknown) => void>)[Symbol.for('atrium.boot-modules')]?.(modules);

/** A fresh copy of the module (its state is per page) and a page whose graph imports `urls`. */
async function page(urls: string[] | undefined) {
  vi.resetModules();
  document.getElementById('atrium-boot-graph')?.remove();
  if (urls) {
    const script = document.createElement('script');
    script.id = 'atrium-boot-graph';
    script.type = 'application/x-test';
    script.dataset['modules'] = urls.join(' ');
    document.head.append(script);
  }
  const graph = await import('./boot-graph.js');
  graph.acceptBootModules();
  return graph;
}

describe('boot graph protocol', () => {
  it('is the one the deploy step renders: element id, hand-over key, the shares put in place first', () => {
    expect([GRAPH_ID, HANDOFF_KEY]).toEqual([BOOT_GRAPH_ID, BOOT_HANDOFF_KEY]);
    expect([...STATIC_SHARES].sort()).toEqual([...GRAPH_SHARES].sort());
  });
});

describe('boot graph hand-over', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // Still parsing: the graph may yet run.
    vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('gives each handed-over chunk out once; a second load imports it', async () => {
    const { bootModule } = await page([A]);
    const module = { mount() {} };
    handOver([[A, module]]);
    await expect(bootModule(A)).resolves.toBe(module);
    await expect(bootModule(A)).resolves.toBeUndefined();
  });

  it('takes the first hand-over only', async () => {
    const { bootModule } = await page([A]);
    const first = { first: true };
    handOver([[A, first]]);
    handOver([[A, { second: true }]]);
    await expect(bootModule(A)).resolves.toBe(first);
  });

  it('waits for a graph that has not run yet, when it imports that chunk', async () => {
    const { bootModule } = await page([A, B]);
    const loading = bootModule(B);
    const module = { b: true };
    handOver([[A, {}], [B, module]]);
    await expect(loading).resolves.toBe(module);
  });

  it('does not wait for a chunk the graph does not import, or on a page without a graph', async () => {
    await expect((await page([A])).bootModule(B)).resolves.toBeUndefined();
    await expect((await page(undefined)).bootModule(A)).resolves.toBeUndefined();
  });

  it('stops waiting when the graph fails to load, or after a second when it hangs', async () => {
    const failing = await page([A]);
    const loading = failing.bootModule(A);
    document.getElementById('atrium-boot-graph')!.dispatchEvent(new Event('error'));
    await expect(loading).resolves.toBeUndefined();

    const hanging = await page([A]);
    const waiting = hanging.bootModule(A);
    let done = false;
    void waiting.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(900);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await expect(waiting).resolves.toBeUndefined();
  });
});
