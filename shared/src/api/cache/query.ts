import { isAbortError } from '../../errors/guards.js';
import type { ApiCache } from './api-cache.js';

/** Where a query is. Changes go through one place, and every change is published. */
export type QueryStatus = 'idle' | 'loading' | 'success' | 'error';

/** A snapshot of a query. `data` stays while a refetch runs or after it fails. */
export interface QueryState<T> {
  readonly status: QueryStatus;
  readonly data: T | undefined;
  readonly error: unknown;
}

/**
 * A read that keeps itself current: it loads on first subscription, refetches when the browser
 * comes back online, and stops when its signal aborts (the MFE unmounted).
 *
 * @example
 * ```ts
 * const accounts = api.query('/accounts', { signal });
 * accounts.subscribe((s) => render(s.status === 'success' ? s.data : []));
 * ```
 */
export interface Query<T> {
  readonly state: QueryState<T>;
  /** Publishes every state change; the first subscriber starts the load. */
  subscribe(listener: (state: QueryState<T>) => void): () => void;
  /** Loads again from the network (cache bypassed; identical reads still share a request). */
  refetch(): Promise<void>;
}

/** How a query loads: `force` skips the cached value. */
export type QueryLoader<T> = (signal: AbortSignal, force: boolean) => Promise<T>;

class ApiQuery<T> implements Query<T> {
  #state: QueryState<T> = { status: 'idle', data: undefined, error: undefined };
  readonly #listeners = new Set<(state: QueryState<T>) => void>();
  readonly #load: QueryLoader<T>;
  readonly #cache: ApiCache;
  readonly #signal: AbortSignal | undefined;
  #current: AbortController | undefined;
  #stopReconnect: (() => void) | undefined;

  constructor(load: QueryLoader<T>, cache: ApiCache, signal: AbortSignal | undefined) {
    this.#load = load;
    this.#cache = cache;
    this.#signal = signal;
    signal?.addEventListener('abort', () => this.#stop(), { once: true });
  }

  get state(): QueryState<T> {
    return this.#state;
  }

  subscribe(listener: (state: QueryState<T>) => void): () => void {
    if (this.#signal?.aborted === true) return () => undefined;
    this.#listeners.add(listener);
    if (this.#stopReconnect === undefined) this.#stopReconnect = this.#cache.onReconnect(() => void this.refetch());
    if (this.#state.status === 'idle') void this.#run(false);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  refetch(): Promise<void> {
    return this.#run(true);
  }

  async #run(force: boolean): Promise<void> {
    if (this.#signal?.aborted === true) return;
    this.#current?.abort();
    const controller = new AbortController();
    this.#current = controller;
    this.#set({ ...this.#state, status: 'loading' });
    try {
      const data = await this.#load(controller.signal, force);
      if (this.#current === controller) this.#set({ status: 'success', data, error: undefined });
    } catch (error) {
      // A superseded or cancelled load is not a failure of the query.
      if (this.#current === controller && !isAbortError(error)) this.#set({ ...this.#state, status: 'error', error });
    }
  }

  #set(state: QueryState<T>): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }

  #stop(): void {
    this.#current?.abort();
    this.#current = undefined;
    this.#stopReconnect?.();
    this.#stopReconnect = undefined;
    this.#listeners.clear();
  }
}

/**
 * A {@link Query} over any loader; the typed clients' `query()` builds on it.
 *
 * @example
 * ```ts
 * const q = createQuery((signal) => api.get('/accounts', { signal }), cache, props.signal);
 * ```
 */
export function createQuery<T>(load: QueryLoader<T>, cache: ApiCache, signal?: AbortSignal): Query<T> {
  return new ApiQuery(load, cache, signal);
}
