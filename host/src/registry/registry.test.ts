import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as singleSpa from 'single-spa';
import { navigateToUrl, triggerAppChange } from 'single-spa';
import type { AtriumProps, MfeLifecycles } from '@atrium/shared';
import { parseManifest } from '../manifest/index.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { RemoteLoadError } from '../errors.js';
import { MfeRegistry } from './registry.js';
import { registryWorld } from './test-support.js';
import { schemaChecks } from '../validation/schemas.js';

// One registry for the file: single-spa is a page-wide singleton.
const { store, errors, reported, boxes, slots } = registryWorld();

const lifecycles = new Map<string, (attempt: number) => MfeLifecycles>();
const loadCalls: [string, number][] = [];
const registry = new MfeRegistry({
  store,
  errors,
  slots,
  timeouts: { load: 200, bootstrap: 200, mount: 200, unmount: 200 },
  navigate: (path) => navigateToUrl(path),
  load: async (entry, attempt) => {
    loadCalls.push([entry.name, attempt]);
    const make = lifecycles.get(entry.name);
    if (!make) throw new RemoteLoadError(entry.name, entry.entryUrl.href, `mfe '${entry.name}' could not be loaded: 404`);
    return make(attempt);
  },
});

const entries = parseManifest(
  {
    version: 1,
    mfes: ['healthy', 'throws', 'hangs', 'missing', 'flaky'].map((name) => ({
      name, entry: `https://cdn.example.com/${name}/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: `/${name}`, region: 'main',
    })),
  },
  { allowedOrigins: new Set(['https://cdn.example.com']), regions: new Set(['main']), source: 'test', checks: schemaChecks },
).entries;

const seen: AtriumProps[] = [];
const bootstrapSignals: boolean[] = [];
lifecycles.set('healthy', () => ({
  bootstrap: async (props) => {
    bootstrapSignals.push(props.signal.aborted);
  },
  mount: async (props) => {
    seen.push(props);
    props.domElement.textContent = 'healthy content';
  },
  unmount: async (props) => {
    props.domElement.replaceChildren();
  },
}));
lifecycles.set('throws', () => ({ mount: async () => { throw new Error('kaput'); }, unmount: async () => undefined }));
lifecycles.set('hangs', () => ({ mount: () => new Promise(() => undefined), unmount: async () => undefined }));

async function go(path: string) {
  navigateToUrl(path);
  await triggerAppChange();
}

beforeAll(async () => {
  registry.register(entries);
  await registry.attach(singleSpa);
});

afterAll(() => go('/'));

describe('MfeRegistry', () => {
  it('mounts the active MFE with the contract props and unmounts it on navigation', async () => {
    await go('/healthy');
    expect(store.get('healthy')?.status).toBe('MOUNTED');
    const props = seen.at(-1)!;
    expect(props).toMatchObject({ name: 'healthy', basePath: '/healthy', region: 'main', version: '1.0.0', props: {} });
    expect(props.domElement.textContent).toBe('healthy content');
    expect(props.signal.aborted).toBe(false);
    // bootstrap got the mount's signal, live (it used to get an already-aborted one).
    expect(bootstrapSignals).toEqual([false]);
    await go('/elsewhere');
    expect(store.get('healthy')?.status).toBe('NOT_MOUNTED');
    // The mount's signal ends with it, and the host removed the box.
    expect(props.signal.aborted).toBe(true);
    expect(boxes.has('healthy')).toBe(false);
  });

  it('marks an MFE whose mount throws as BROKEN and reports it with its name and step', async () => {
    await go('/throws');
    expect(store.get('throws')?.status).toBe('BROKEN');
    expect(store.get('throws')?.lastError?.message).toBe("mfe 'throws' died while mounting: kaput");
    expect(reported.at(-1)).toMatchObject({ mfe: 'throws', step: 'mount' });
  });

  it('times out a mount that never settles', async () => {
    await go('/hangs');
    expect(store.get('hangs')?.status).toBe('BROKEN');
    expect(store.get('hangs')?.lastError?.message).toMatch(/did not finish mounting within 200 ms/);
  });

  it('marks a failed load as LOAD_ERROR and loads again with a new attempt on retry', async () => {
    await go('/flaky');
    expect(store.get('flaky')?.status).toBe('LOAD_ERROR');
    lifecycles.set('flaky', () => ({ mount: async ({ domElement }) => void (domElement.textContent = 'back'), unmount: async () => undefined }));
    await registry.retry('flaky');
    await vi.waitFor(() => expect(store.get('flaky')?.status).toBe('MOUNTED'));
    expect(loadCalls.filter(([name]) => name === 'flaky')).toEqual([['flaky', 0], ['flaky', 1]]);
    expect(store.get('flaky')?.attempt).toBe(1);
  });

  it('remounts a BROKEN MFE on retry once it works', async () => {
    await go('/throws');
    lifecycles.set('throws', () => ({ mount: async ({ domElement }) => void (domElement.textContent = 'fixed'), unmount: async () => undefined }));
    await registry.retry('throws');
    await vi.waitFor(() => expect(store.get('throws')?.status).toBe('MOUNTED'));
    expect(boxes.get('throws')?.textContent).toBe('fixed');
  });

  it('refuses to retry an unknown MFE', async () => {
    await expect(registry.retry('nope')).rejects.toThrow(RangeError);
  });

  it('records load and mount timings per MFE', () => {
    const timings = store.get('healthy')?.timings ?? {};
    expect(timings.load).toBeTypeOf('number');
    expect(timings.mount).toBeTypeOf('number');
    expect(performance.getEntriesByName('atrium:healthy:mount', 'measure').length).toBeGreaterThan(0);
  });
});
