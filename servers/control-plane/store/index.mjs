import path from 'node:path';
import { openEtcdStore } from './etcd-store.mjs';
import { openFileStore } from './file-store.mjs';

export { openEtcdStore } from './etcd-store.mjs';
export { openFileStore } from './file-store.mjs';
export {
  ConflictError, ControlPlaneError, StoreUnavailableError, isConflictError, isControlPlaneError, isStoreUnavailableError,
} from './errors.mjs';

/** Where the embedded store lives when nothing else is said (git-ignored). */
export const DEFAULT_STATE_FILE = '.atrium/state.json';

/**
 * Opens the store a spec names — the value of `ATRIUM_STORE` or `--store`:
 * - `etcd://host:port,host:port,…` → the etcd cluster (v3 API, plain HTTP);
 * - `file:path/to/state.json`, or a path → the embedded file store;
 * - nothing → the embedded store at `.atrium/state.json` under `root`.
 *
 * @example
 * ```js
 * const store = openStore(process.env.ATRIUM_STORE, { root: process.cwd() });
 * ```
 * @param {string | undefined} spec
 * @param {{ root?: string }} [options]
 * @returns {import('./store.mjs').Store}
 */
export function openStore(spec, { root = process.cwd() } = {}) {
  const value = spec?.trim();
  if (!value) return openFileStore(path.join(root, DEFAULT_STATE_FILE));
  if (value.startsWith('etcd://')) {
    const hosts = value.slice('etcd://'.length).split(',').map((h) => h.trim()).filter(Boolean);
    for (const host of hosts) {
      if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(host) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(host)) {
        throw new TypeError(`ATRIUM_STORE: "${host}" is not host:port — write etcd://127.0.0.1:2379,127.0.0.1:22379`);
      }
    }
    if (hosts.length === 0) throw new TypeError('ATRIUM_STORE: etcd:// needs at least one host:port, e.g. etcd://127.0.0.1:2379');
    return openEtcdStore(hosts.map((h) => `http://${h}`));
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new TypeError(`ATRIUM_STORE: "${value}" is not a store this version knows — use etcd://host:port,… or file:path/to/state.json`);
  }
  return openFileStore(path.resolve(root, value.startsWith('file:') ? value.slice('file:'.length) : value));
}
