/**
 * The state store's one small interface. Two implementations pass the same suite
 * (store.contract.ts): the embedded file store (one machine, no server) and etcd v3 (a cluster).
 * Keys are strings, values JSON. Every key carries the store-wide revision of its last write
 * (`revision`) and of its creation (`createRevision`); the store's revision only grows.
 *
 * @typedef {object} StoredEntry
 * @property {string} key
 * @property {any} value
 * @property {number} revision store revision of the key's last write
 * @property {number} createRevision store revision that created the key
 *
 * @typedef {object} Listing
 * @property {number} revision the store's revision the listing was read at
 * @property {StoredEntry[]} entries ordered by key
 *
 * @typedef {object} PutOptions
 * @property {number} [expect] compare-and-swap: the key's `revision` as read; 0 = must not exist.
 *   Without it the write is unconditional (health counters only).
 *
 * @typedef {object} Store
 * @property {string} description e.g. "file .atrium/state.json" or "etcd 127.0.0.1:2379,…", for messages
 * @property {(key: string) => Promise<StoredEntry | undefined>} get
 * @property {(prefix: string) => Promise<Listing>} list
 * @property {(key: string, value: unknown, options?: PutOptions) => Promise<{ revision: number }>} put
 *   throws ConflictError (with the current entry) when `expect` does not match
 * @property {(prefix: string, onChange: (revision: number) => void) => { close(): void }} watch
 *   calls back soon after any change under the prefix (and after a reconnect, when changes may
 *   have been missed); the caller reads what it needs again
 * @property {() => Promise<void>} close
 */

export {};
