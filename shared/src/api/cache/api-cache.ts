import type { EndpointCacheConfig } from '../config/api-config.js';
import { isUnderPrefix, serializeKey } from './cache-keys.js';
import type { ReadKey, UserKey } from './cache-keys.js';
import { followWithSignals } from '../transport/follow-signals.js';

/** Options of {@link createApiCache}. */
export interface ApiCacheOptions {
  /** Most responses kept; the least recently used go first. Default 500. */
  readonly maxEntries?: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
  /** Where `online` events come from. Default `globalThis` (the window); `null` for none. */
  readonly connectivity?: EventTarget | null;
}

/** Whether a cached value may be served as is, or served while a refresh runs. */
export type CachedState = 'fresh' | 'stale';

/** A hit. */
export interface CachedValue {
  readonly data: unknown;
  readonly state: CachedState;
}

/** The epochs a read started under; if any moved, its response must not be stored. */
export interface CacheStamp {
  readonly global: number;
  readonly user: number;
  readonly api: number;
}

interface Entry {
  readonly key: ReadKey;
  readonly data: unknown;
  readonly freshUntil: number;
  readonly staleUntil: number;
}

interface Inflight {
  readonly key: ReadKey;
  readonly promise: Promise<unknown>;
  readonly controller: AbortController;
  followers: number;
  /** False once a follower joined without a signal: then nobody may abort it. */
  abortable: boolean;
}

/**
 * What every client set of a page shares: in-flight GETs (identical reads share one request),
 * the stale-while-revalidate store, per-user separation, and the `online` hook that makes
 * queries refetch on reconnect. The host creates one and passes it to every `createApiClients`.
 *
 * @example
 * ```ts
 * const cache = createApiCache();
 * const apis = createApiClients(config, { getAccessToken, onAuthFailure, cache, getUserKey });
 * auth.onSignOut((user) => cache.clearUser(user.sub));
 * ```
 */
export class ApiCache {
  readonly #entries = new Map<string, Entry>();
  readonly #inflight = new Map<string, Inflight>();
  readonly #userEpochs = new Map<UserKey, number>();
  readonly #apiEpochs = new Map<string, number>();
  readonly #reconnectListeners = new Set<() => void>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #connectivity: EventTarget | null;
  #globalEpoch = 0;
  #listening = false;

  constructor(options: ApiCacheOptions = {}) {
    const maxEntries = options.maxEntries ?? 500;
    if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new RangeError(`maxEntries must be a non-negative integer, got ${String(maxEntries)}`);
    this.#maxEntries = maxEntries;
    this.#now = options.now ?? Date.now;
    const fallback = typeof globalThis.addEventListener === 'function' ? (globalThis as unknown as EventTarget) : null;
    this.#connectivity = options.connectivity === undefined ? fallback : options.connectivity;
  }

  /** A stored response that may still be served, or `undefined`. */
  lookup(key: ReadKey): CachedValue | undefined {
    const id = serializeKey(key);
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    const now = this.#now();
    if (now >= entry.staleUntil) {
      this.#entries.delete(id);
      return undefined;
    }
    // Re-inserting keeps Map order = least recently used first, for eviction.
    this.#entries.delete(id);
    this.#entries.set(id, entry);
    return { data: entry.data, state: now < entry.freshUntil ? 'fresh' : 'stale' };
  }

  /** The epochs a read starts under; pass them back to {@link ApiCache.store}. */
  stamp(key: ReadKey): CacheStamp {
    return { global: this.#globalEpoch, user: this.#userEpochs.get(key.userKey) ?? 0, api: this.#apiEpochs.get(key.apiName) ?? 0 };
  }

  /**
   * Stores a response, unless the cache was cleared for its user or invalidated for its API
   * since `stamp` was taken: a response that left the server before a sign-out or a mutation
   * must never be served afterwards.
   */
  store(key: ReadKey, data: unknown, freshness: EndpointCacheConfig, stamp: CacheStamp): boolean {
    const current = this.stamp(key);
    if (current.global !== stamp.global || current.user !== stamp.user || current.api !== stamp.api) return false;
    if (this.#maxEntries === 0) return false;
    const now = this.#now();
    const id = serializeKey(key);
    this.#entries.delete(id);
    this.#entries.set(id, { key, data, freshUntil: now + freshness.ttlMs, staleUntil: now + freshness.ttlMs + (freshness.staleWhileRevalidateMs ?? 0) });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
    return true;
  }

  /**
   * Runs `start` once for concurrent identical reads: later callers follow the first request.
   * A follower whose signal aborts leaves alone; the request is aborted when the last leaves.
   */
  share<T>(key: ReadKey, start: (signal: AbortSignal) => Promise<T>, signals: readonly AbortSignal[]): Promise<T> {
    const id = serializeKey(key);
    let flight = this.#inflight.get(id);
    if (flight === undefined) {
      const controller = new AbortController();
      const promise = start(controller.signal);
      const created: Inflight = { key, promise, controller, followers: 0, abortable: true };
      flight = created;
      this.#inflight.set(id, created);
      const remove = (): void => {
        if (this.#inflight.get(id) === created) this.#inflight.delete(id);
      };
      promise.then(remove, remove);
    }
    const joined = flight;
    joined.followers += 1;
    if (signals.length === 0) joined.abortable = false;
    return followWithSignals(joined.promise as Promise<T>, signals, () => {
      joined.followers -= 1;
      if (joined.followers === 0 && joined.abortable) joined.controller.abort(new DOMException('Every caller left', 'AbortError'));
    });
  }

  /**
   * Forgets what is cached under a path prefix of one API, for every user, and keeps reads
   * already on their way from being stored.
   *
   * @example
   * ```ts
   * cache.invalidate('customer-api', '/accounts'); // '/accounts', '/accounts/42', ...
   * ```
   */
  invalidate(apiName: string, prefix = '/'): void {
    this.#apiEpochs.set(apiName, (this.#apiEpochs.get(apiName) ?? 0) + 1);
    this.#drop((key) => key.apiName === apiName && isUnderPrefix(key.path, prefix));
  }

  /**
   * Forgets everything cached for a user, at sign-out: nothing of theirs is served again, and
   * responses still in flight for them are not stored when they land.
   *
   * @example
   * ```ts
   * auth.onSignOut((user) => cache.clearUser(user.profile.sub));
   * ```
   */
  clearUser(userKey: UserKey): void {
    this.#userEpochs.set(userKey, (this.#userEpochs.get(userKey) ?? 0) + 1);
    this.#drop((key) => key.userKey === userKey);
  }

  /** Forgets everything. @example `cache.clear();` */
  clear(): void {
    this.#globalEpoch += 1;
    this.#drop(() => true);
  }

  /** Number of stored responses (for devtools and tests). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Calls `listener` on every `online` event. Returns the unsubscribe function.
   *
   * @example
   * ```ts
   * const stop = cache.onReconnect(() => query.refetch());
   * ```
   */
  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener);
    if (!this.#listening && this.#connectivity !== null) {
      this.#connectivity.addEventListener('online', this.#onOnline);
      this.#listening = true;
    }
    return () => {
      this.#reconnectListeners.delete(listener);
      if (this.#reconnectListeners.size === 0) this.#stopListening();
    };
  }

  /** Stops listening for `online` and drops everything. @example `cache.dispose();` */
  dispose(): void {
    this.#reconnectListeners.clear();
    this.#stopListening();
    this.clear();
  }

  readonly #onOnline = (): void => {
    for (const listener of [...this.#reconnectListeners]) listener();
  };

  #stopListening(): void {
    if (this.#listening && this.#connectivity !== null) this.#connectivity.removeEventListener('online', this.#onOnline);
    this.#listening = false;
  }

  // In-flight reads are dropped too (not aborted: their callers still get an answer), so a read
  // issued after this point starts afresh instead of joining one from before.
  #drop(matches: (key: ReadKey) => boolean): void {
    for (const [id, entry] of this.#entries) if (matches(entry.key)) this.#entries.delete(id);
    for (const [id, flight] of this.#inflight) if (matches(flight.key)) this.#inflight.delete(id);
  }
}

/**
 * The one cache a page shares between all its MFEs.
 *
 * @example
 * ```ts
 * const cache = createApiCache({ maxEntries: 200 });
 * ```
 */
export function createApiCache(options?: ApiCacheOptions): ApiCache {
  return new ApiCache(options);
}
