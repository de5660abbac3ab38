import { describe, expect, it } from 'vitest';
import { isConflictError } from './errors.mjs';
import type { Store } from './store.mjs';

/**
 * The one suite every store implementation passes (file-store.test.ts, etcd-store.test.ts).
 * `open` returns a fresh, empty store each time it is called.
 */
export function describeStoreContract(label: string, open: () => Store) {
  describe(`${label} (store contract)`, () => {
    it('creates a key only when it does not exist yet (expect 0)', async () => {
      const store = open();
      const first = await store.put('/t/a', { v: 1 }, { expect: 0 });
      await expect(store.put('/t/a', { v: 2 }, { expect: 0 })).rejects.toSatisfy(isConflictError);
      expect(await store.get('/t/a')).toMatchObject({ value: { v: 1 }, revision: first.revision, createRevision: first.revision });
      await store.close();
    });

    it('refuses a stale compare-and-swap and hands back the winning value', async () => {
      const store = open();
      const { revision } = await store.put('/t/k', { by: 'first' }, { expect: 0 });
      await store.put('/t/k', { by: 'winner' }, { expect: revision });
      const stale = await store.put('/t/k', { by: 'loser' }, { expect: revision }).catch((e: unknown) => e);
      expect(isConflictError(stale)).toBe(true);
      expect((stale as { current: { value: unknown } }).current.value).toEqual({ by: 'winner' });
      expect((await store.get('/t/k'))?.value).toEqual({ by: 'winner' });
      await store.close();
    });

    it('lets exactly one of many simultaneous writers of one key win', async () => {
      const store = open();
      const { revision } = await store.put('/t/race', { n: 0 }, { expect: 0 });
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => store.put('/t/race', { n: n + 1 }, { expect: revision })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && isConflictError(r.reason))).toHaveLength(7);
      await store.close();
    });

    it('lands simultaneous writes to different keys, each with its own revision', async () => {
      const store = open();
      const writes = await Promise.all(Array.from({ length: 12 }, (_, n) => store.put(`/t/many/${String(n).padStart(2, '0')}`, { n }, { expect: 0 })));
      expect(new Set(writes.map((w) => w.revision)).size).toBe(12);
      const listing = await store.list('/t/many/');
      expect(listing.entries.map((e) => e.value.n)).toEqual(Array.from({ length: 12 }, (_, n) => n));
      expect(listing.revision).toBeGreaterThanOrEqual(Math.max(...writes.map((w) => w.revision)));
      expect((await store.list('/t/other/')).entries).toEqual([]);
      await store.close();
    });

    it('tells a watcher about a change under its prefix within a second, and not about others', async () => {
      const store = open();
      const seen: number[] = [];
      const watch = store.watch('/t/watched/', (revision) => seen.push(revision));
      await new Promise((r) => setTimeout(r, 200));
      await store.put('/t/elsewhere', { x: 1 });
      const { revision } = await store.put('/t/watched/a', { x: 1 });
      const started = Date.now();
      while (seen.length === 0 && Date.now() - started < 1_000) await new Promise((r) => setTimeout(r, 10));
      watch.close();
      expect(seen.length).toBeGreaterThan(0);
      expect(Math.max(...seen)).toBeGreaterThanOrEqual(revision);
      await store.close();
    });
  });
}
