/**
 * The one place a session outlives the page: an IndexedDB store of this origin holding the
 * DPoP-bound refresh token and the ID token (never an access token, never Web Storage). Small on
 * purpose: boot asks {@link hasStoredSession} without loading the OIDC chunk.
 */

const DB_NAME = 'atrium-session';
const STORE = 'user';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

let opened: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  if (!opened) {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    opened = request(req);
    // Private windows of some browsers refuse IndexedDB: the next call tries again.
    opened.catch(() => (opened = undefined));
  }
  return opened;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return request(work(db.transaction(STORE, mode).objectStore(STORE)));
}

/** The stored value under `key`, or null. */
export function readSession(key: string): Promise<string | null> {
  return run('readonly', (store) => store.get(key) as IDBRequest<string | undefined>).then((value) => value ?? null);
}

export async function writeSession(key: string, value: string): Promise<void> {
  await run('readwrite', (store) => store.put(value, key));
}

export async function deleteSession(key: string): Promise<void> {
  await run('readwrite', (store) => store.delete(key));
}

export function sessionKeys(): Promise<string[]> {
  return run('readonly', (store) => store.getAllKeys()).then((keys) => keys.map(String));
}

/** The key oidc-client-ts stores a client's user under. */
export function sessionKey(authority: string, clientId: string): string {
  return `user:${authority}:${clientId}`;
}

/**
 * True when this origin keeps a session for the client: boot then resumes it in the background.
 * False (never throws) when IndexedDB is unavailable.
 *
 * @example
 * ```ts
 * if (await hasStoredSession(options.authority, options.clientId)) void controller.resume();
 * ```
 */
export async function hasStoredSession(authority: string, clientId: string): Promise<boolean> {
  try {
    return (await readSession(sessionKey(authority, clientId))) !== null;
  } catch {
    return false;
  }
}
