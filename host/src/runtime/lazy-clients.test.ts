import { describe, expect, it, vi } from 'vitest';
import type { ApiClients, QueryState } from '@atrium/shared/api';
import { lazyClients } from './lazy-clients.js';

type Clients = ApiClients<Record<string, unknown>>;

function fakeLayer() {
  const listeners = new Set<(s: QueryState<unknown>) => void>();
  const client = {
    name: 'customer-api',
    get: vi.fn(async (path: string) => ({ path })),
    invalidate: vi.fn(),
    query: vi.fn(() => ({
      state: { status: 'success', data: [1], error: undefined },
      subscribe: (l: (s: QueryState<unknown>) => void) => {
        listeners.add(l);
        l({ status: 'success', data: [1], error: undefined });
        return () => listeners.delete(l);
      },
      refetch: vi.fn(async () => undefined),
    })),
  };
  const load = vi.fn(async () => ({ 'customer-api': client }) as unknown as Clients);
  return { client, load, listeners };
}

describe('lazyClients', () => {
  it('does not load the layer until the first call, then forwards every call to the real client', async () => {
    const { client, load } = fakeLayer();
    const apis = lazyClients(['customer-api'], load);
    expect(load).not.toHaveBeenCalled();
    await expect(apis['customer-api']!.get('/accounts' as never)).resolves.toEqual({ path: '/accounts' });
    await apis['customer-api']!.get('/cards' as never);
    expect(load).toHaveBeenCalledTimes(1);
    expect(client.get).toHaveBeenCalledTimes(2);
  });

  it('rejects a call with the reason when the layer cannot be loaded, and tries again on the next call', async () => {
    const { load } = fakeLayer();
    load.mockRejectedValueOnce(new Error('chunk 404'));
    const apis = lazyClients(['customer-api'], load);
    await expect(apis['customer-api']!.get('/accounts' as never)).rejects.toThrow('chunk 404');
    await expect(apis['customer-api']!.get('/accounts' as never)).resolves.toEqual({ path: '/accounts' });
  });

  it('a query is loading at once and becomes the real query when the layer arrives', async () => {
    const { load, listeners } = fakeLayer();
    const apis = lazyClients(['customer-api'], load);
    const query = apis['customer-api']!.query('/accounts' as never);
    expect(query.state.status).toBe('idle');
    const seen: string[] = [];
    const stop = query.subscribe((s) => seen.push(s.status));
    expect(seen).toEqual(['loading']);
    await vi.waitFor(() => expect(seen).toEqual(['loading', 'success']));
    expect(query.state.data).toEqual([1]);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('a query whose layer fails reports the error to its listener', async () => {
    const { load } = fakeLayer();
    load.mockRejectedValueOnce(new Error('offline'));
    const query = lazyClients(['customer-api'], load)['customer-api']!.query('/accounts' as never);
    const states: QueryState<unknown>[] = [];
    query.subscribe((s) => states.push(s));
    await vi.waitFor(() => expect(states.at(-1)?.status).toBe('error'));
    expect(String(states.at(-1)?.error)).toContain('offline');
  });

  it('invalidate before the layer is loaded does not load it (nothing is cached yet)', () => {
    const { load } = fakeLayer();
    lazyClients(['customer-api'], load)['customer-api']!.invalidate();
    expect(load).not.toHaveBeenCalled();
  });
});
