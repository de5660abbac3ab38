import fs from 'node:fs';
import path from 'node:path';
import { ConflictError, StoreUnavailableError } from './errors.mjs';

const LOCK_STALE_MS = 5_000;
const LOCK_WAIT_MS = 10_000;
const WATCH_INTERVAL_MS = 50;

/**
 * The embedded store: one JSON file (`{ revision, keys }`), replaced by an atomic rename on every
 * write, so a reader never sees half a file. Writers on one machine (several CLI runs, a resolver)
 * take a lock file around read-compare-write; a lock left by a crashed writer is taken over after
 * 5 s. Puts that arrive during a write share the next one (each still compared on its own).
 *
 * @example
 * ```js
 * const store = openFileStore('.atrium/state.json');
 * const { revision } = await store.put('/atrium/mfes/accounts', { live: '1.0.0' }, { expect: 0 });
 * ```
 * @param {string} file
 * @returns {import('./store.mjs').Store}
 */
export function openFileStore(file) {
  const absolute = path.resolve(file);
  const watchers = new Set();
  /** @type {{ key: string, value: unknown, expect: number | undefined, resolve: (r: { revision: number }) => void, reject: (e: unknown) => void }[]} */
  let queue = [];

  // Group commit: the puts waiting while a write is under way go into the next single write,
  // each still compared on its own (a conflict rejects only that put).
  let committing = false;
  async function commit() {
    committing = true;
    await Promise.resolve();
    const batch = queue;
    queue = [];
    try {
      await withLock(absolute, () => {
        const doc = readDoc(absolute);
        /** @type {(() => void)[]} */
        const settle = [];
        for (const put of batch) {
          const current = entryOf(doc, put.key);
          if (put.expect !== undefined && (current?.revision ?? 0) !== put.expect) {
            const error = new ConflictError(put.key, put.expect, current);
            settle.push(() => put.reject(error));
            continue;
          }
          const revision = doc.revision + 1;
          doc.revision = revision;
          doc.keys[put.key] = { value: put.value, revision, createRevision: current?.createRevision ?? revision };
          settle.push(() => put.resolve({ revision }));
        }
        writeAtomically(absolute, JSON.stringify(doc));
        for (const done of settle) done();
      });
    } catch (error) {
      for (const put of batch) put.reject(error);
    } finally {
      committing = false;
      if (queue.length > 0) void commit();
    }
  }
  return {
    description: `file ${path.relative(process.cwd(), absolute).startsWith('..') ? absolute : path.relative(process.cwd(), absolute)}`,
    async get(key) {
      const doc = readDoc(absolute);
      return entryOf(doc, key);
    },
    async list(prefix) {
      const doc = readDoc(absolute);
      const keys = Object.keys(doc.keys).filter((k) => k.startsWith(prefix)).sort();
      return { revision: doc.revision, entries: keys.map((k) => /** @type {any} */ (entryOf(doc, k))) };
    },
    put(key, value, options = {}) {
      return new Promise((resolve, reject) => {
        queue.push({ key, value, expect: options.expect, resolve, reject });
        if (!committing) void commit();
      });
    },
    watch(prefix, onChange) {
      let seen = readDoc(absolute).revision;
      const listener = () => {
        let doc;
        try {
          doc = readDoc(absolute);
        } catch {
          return;
        }
        if (doc.revision === seen) return;
        const changed = Object.entries(doc.keys).some(([k, e]) => k.startsWith(prefix) && e.revision > seen);
        seen = doc.revision;
        if (changed) onChange(doc.revision);
      };
      fs.watchFile(absolute, { interval: WATCH_INTERVAL_MS, persistent: false }, listener);
      watchers.add(listener);
      return {
        close() {
          fs.unwatchFile(absolute, listener);
          watchers.delete(listener);
        },
      };
    },
    async close() {
      for (const listener of watchers) fs.unwatchFile(absolute, listener);
      watchers.clear();
    },
  };
}

/** @param {{ keys: Record<string, any> }} doc @param {string} key */
function entryOf(doc, key) {
  const e = doc.keys[key];
  return e ? { key, value: e.value, revision: e.revision, createRevision: e.createRevision } : undefined;
}

/** @param {string} file @returns {{ revision: number, keys: Record<string, { value: unknown, revision: number, createRevision: number }> }} */
function readDoc(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return { revision: 0, keys: {} };
    throw new StoreUnavailableError(`cannot read the state file ${file}: ${/** @type {Error} */ (error).message}`, error);
  }
  try {
    const doc = JSON.parse(text);
    if (typeof doc?.revision !== 'number' || typeof doc.keys !== 'object') throw new Error('missing "revision" or "keys"');
    return doc;
  } catch (error) {
    throw new StoreUnavailableError(`the state file ${file} is not a state document (${/** @type {Error} */ (error).message}) — restore it from a backup or delete it to start empty`, error);
  }
}

/** @param {string} file @param {string} text */
function writeAtomically(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * Runs `work` holding `<file>.lock` (created exclusively). Waits for another writer, and takes
 * over a lock older than LOCK_STALE_MS (its writer died between lock and unlock).
 * @template T
 * @param {string} file
 * @param {() => T} work
 * @returns {Promise<T>}
 */
async function withLock(file, work) {
  const lock = `${file}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw new StoreUnavailableError(`cannot lock the state file ${file}: ${/** @type {Error} */ (error).message}`, error);
      const age = lockAge(lock);
      if (age > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new StoreUnavailableError(`the state file ${file} stayed locked by another writer for ${LOCK_WAIT_MS / 1000} s — if no atrium command is running, delete ${lock}`);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** @param {string} lock */
function lockAge(lock) {
  try {
    return Date.now() - fs.statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}
