// @vitest-environment node
// The same contract against a real 3-member etcd cluster on loopback (Debian etcd-server),
// started here and stopped by PID; a missing etcd fails with the command that installs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEtcdCluster } from '../etcd-cluster.mjs';
import { openStore } from './index.mjs';
import { describeStoreContract } from './store-contract.js';
import type { Store } from './store.mjs';

let cluster: Awaited<ReturnType<typeof startEtcdCluster>>;
let n = 0;
beforeAll(async () => {
  cluster = await startEtcdCluster({ size: 3 });
}, 30_000);
afterAll(async () => {
  await cluster?.close();
});

/** Each test gets its own key space, as if the cluster were fresh. */
function scoped(store: Store, prefix: string): Store {
  const strip = <T extends { key: string }>(e: T) => ({ ...e, key: e.key.slice(prefix.length) });
  return {
    ...store,
    get: async (key) => {
      const e = await store.get(prefix + key);
      return e && strip(e);
    },
    list: async (p) => {
      const l = await store.list(prefix + p);
      return { ...l, entries: l.entries.map(strip) };
    },
    put: (key, value, options) => store.put(prefix + key, value, options),
    watch: (p, cb) => store.watch(prefix + p, cb),
  };
}

describeStoreContract('etcd store, 3 members', () => scoped(openStore(cluster.spec), `/run${Date.now()}-${n++}`));

describe('etcd store', () => {
  it('keeps every write while one member is killed mid-series', async () => {
    const store = openStore(cluster.spec);
    const key = `/kill-test/${Date.now()}`;
    let { revision } = await store.put(key, { n: 0 }, { expect: 0 });
    for (let n = 1; n <= 30; n++) {
      if (n === 10) await cluster.members[0]!.kill();
      ({ revision } = await store.put(key, { n }, { expect: revision }));
    }
    expect((await store.get(key))?.value).toEqual({ n: 30 });
    await cluster.members[0]!.restart();
    await store.close();
  }, 30_000);
});
