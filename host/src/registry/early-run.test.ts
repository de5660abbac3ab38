import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as singleSpa from 'single-spa';
import type { AtriumProps, MfeLifecycles } from '@atrium/shared';
import { parseManifest } from '../manifest/index.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { MfeRegistry } from './registry.js';
import { registryWorld } from './test-support.js';
import { schemaChecks } from '../validation/schemas.js';

// The shell registers what a URL shows before single-spa (a chunk of its own) is on the page:
// those MFEs mount at once, and single-spa adopts them when the shell attaches it.
const { store, errors, reported, boxes, slots } = registryWorld();

const calls: string[] = [];
const parcelCalls: string[] = [];
const lifecycles: Record<string, MfeLifecycles> = {
  // Mounts a parcel of its own while it mounts, before single-spa is there.
  early: {
    bootstrap: async () => void calls.push('early:bootstrap'),
    mount: async (props: AtriumProps) => {
      calls.push('early:mount');
      props.domElement.textContent = 'early content';
      const inner = document.createElement('span');
      props.domElement.append(inner);
      props.mountParcel(
        {
          bootstrap: async () => undefined,
          mount: async () => void parcelCalls.push('mount'),
          unmount: async () => void parcelCalls.push('unmount'),
        },
        { domElement: inner },
      );
    },
    unmount: async (props: AtriumProps) => {
      calls.push('early:unmount');
      props.domElement.replaceChildren();
    },
  },
  gone: {
    bootstrap: async () => void calls.push('gone:bootstrap'),
    mount: async (props: AtriumProps) => {
      calls.push('gone:mount');
      props.domElement.textContent = 'gone content';
    },
    unmount: async () => void calls.push('gone:unmount'),
  },
  broken: {
    mount: async () => {
      calls.push('broken:mount');
      throw new Error('kaput');
    },
    unmount: async () => void calls.push('broken:unmount'),
  },
};

const registry = new MfeRegistry({
  store,
  errors,
  slots,
  timeouts: { load: 200, bootstrap: 200, mount: 200, unmount: 200 },
  navigate: (path) => singleSpa.navigateToUrl(path),
  load: async (entry) => lifecycles[entry.name]!,
});

const entries = parseManifest(
  {
    version: 1,
    mfes: [
      { name: 'early', activeWhen: '/early', region: 'main' },
      { name: 'gone', activeWhen: '/gone', region: 'main' },
      { name: 'broken', activeWhen: 'always', region: 'nav' },
    ].map((e) => ({ ...e, entry: `https://cdn.example.com/${e.name}/remoteEntry.js`, module: './app', version: '1.0.0' })),
  },
  { allowedOrigins: new Set(['https://cdn.example.com']), regions: new Set(['main', 'nav']), source: 'test', checks: schemaChecks },
).entries;
const byName = (name: string) => entries.find((e) => e.name === name)!;

async function go(path: string) {
  singleSpa.navigateToUrl(path);
  await singleSpa.triggerAppChange();
}

describe('MfeRegistry before single-spa is attached', () => {
  beforeAll(async () => {
    // 'gone' is shown where the visitor lands, then the visitor is elsewhere before single-spa arrives.
    history.replaceState(null, '', '/gone');
    registry.register([byName('gone')]);
    history.replaceState(null, '', '/early');
    registry.register([byName('early'), byName('broken')]);
    await vi.waitFor(() => expect(store.get('early')?.status).toBe('MOUNTED'));
  });

  it('mounts what the URL shows at once, with statuses and the first-content mark', async () => {
    expect(boxes.get('early')?.textContent).toBe('early content');
    expect(store.get('gone')?.status).toBe('MOUNTED');
    expect(performance.getEntriesByName('atrium:first-content').length).toBe(1);
    await vi.waitFor(() => expect(store.get('broken')?.status).toBe('BROKEN'));
    expect(reported.filter((e) => e.mfe === 'broken')).toMatchObject([{ step: 'mount' }]);
  });

  it('is adopted by single-spa without a second bootstrap or mount; what left its route is unmounted', async () => {
    await registry.attach(singleSpa);
    expect(singleSpa.getAppStatus('early')).toBe('MOUNTED');
    expect(calls.filter((c) => c.startsWith('early:'))).toEqual(['early:bootstrap', 'early:mount']);
    // The parcel mounted (as soon as single-spa's module was there).
    await vi.waitFor(() => expect(parcelCalls).toEqual(['mount']));
    // 'gone' is no longer at its route: unmounted, its box gone, as single-spa would have done.
    expect(calls.filter((c) => c.startsWith('gone:'))).toEqual(['gone:bootstrap', 'gone:mount', 'gone:unmount']);
    expect(store.get('gone')?.status).toBe('NOT_MOUNTED');
    expect(boxes.has('gone')).toBe(false);
    // A mount that failed early is single-spa's broken app: not mounted again, cleaned up once, reported once.
    expect(singleSpa.getAppStatus('broken')).toBe('SKIP_BECAUSE_BROKEN');
    expect(calls.filter((c) => c.startsWith('broken:'))).toEqual(['broken:mount', 'broken:unmount']);
    expect(store.get('broken')?.status).toBe('BROKEN');
    expect(reported.filter((e) => e.mfe === 'broken')).toHaveLength(1);
  });

  it('hands single-spa the rest: an adopted MFE unmounts (its parcel first) and mounts again on navigation', async () => {
    await go('/elsewhere');
    expect(calls.at(-1)).toBe('early:unmount');
    expect(parcelCalls).toEqual(['mount', 'unmount']);
    expect(store.get('early')?.status).toBe('NOT_MOUNTED');
    await go('/gone');
    // Its bootstrap ran early; single-spa mounts it for real.
    expect(calls.filter((c) => c.startsWith('gone:'))).toEqual(['gone:bootstrap', 'gone:mount', 'gone:unmount', 'gone:mount']);
    expect(boxes.get('gone')?.textContent).toBe('gone content');
    await go('/early');
    expect(calls.filter((c) => c.startsWith('early:'))).toEqual(['early:bootstrap', 'early:mount', 'early:unmount', 'early:mount']);
    await go('/');
  });

  it('refuses a second attach', async () => {
    await expect(registry.attach(singleSpa)).rejects.toThrow(/attached already/);
  });
});
