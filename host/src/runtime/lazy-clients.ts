import type { ApiClient, ApiClients, Query, QueryState } from '@atrium/shared/api';

type Clients = ApiClients<Record<string, unknown>>;
type AnyClient = ApiClient<Record<string, unknown>>;
type Method = 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete' | 'request';
const METHODS: readonly Method[] = ['get', 'head', 'post', 'put', 'patch', 'delete', 'request'];

/**
 * API clients whose layer (ky and all, its own chunk) is downloaded on the first call rather than
 * before the MFE mounts: a page whose MFEs make no call (an anonymous visitor on a page that
 * needs a sign-in) never fetches it, and a mount never waits for it. Every call, `query()`
 * included, behaves as the real client's once the layer is there; a layer that cannot be loaded
 * (or a bad `apis` config) rejects the call with the reason.
 *
 * @example
 * ```ts
 * const apis = lazyClients(['customer-api'], () => loadRealClientsFor(signal));
 * await apis['customer-api'].get('/accounts'); // the first call loads the layer
 * ```
 */
export function lazyClients(names: readonly string[], load: () => Promise<Clients>): Clients {
  let real: Clients | undefined;
  let loading: Promise<Clients> | undefined;
  const clients = () =>
    (loading ??= load().then((loaded) => (real = loaded), (error: unknown) => {
      // Not remembered: the next call tries again (the chunk may come back).
      loading = undefined;
      throw error;
    }));
  const out: Record<string, AnyClient> = {};
  for (const name of names) {
    const client = async () => {
      const found = (await clients())[name];
      if (!found) throw new Error(`API "${name}" is not configured on this page`);
      return found;
    };
    const lazy: Record<string, unknown> = { name };
    for (const method of METHODS) {
      lazy[method] = (...args: unknown[]) => client().then((c) => (c[method] as (...a: unknown[]) => Promise<unknown>)(...args));
    }
    // Nothing is cached before the layer is loaded, so there is nothing to drop until then.
    lazy['invalidate'] = (prefix?: string) => {
      if (real) real[name]?.invalidate(prefix);
      else void loading?.then((c) => c[name]?.invalidate(prefix), () => undefined);
    };
    lazy['query'] = (path: string, ...init: unknown[]) =>
      new LazyQuery(() => client().then((c) => (c.query as (p: string, ...i: unknown[]) => Query<unknown>)(path, ...init)));
    out[name] = lazy as unknown as AnyClient;
  }
  return Object.freeze(out) as Clients;
}

const IDLE: QueryState<never> = { status: 'idle', data: undefined, error: undefined };

/** A query that becomes the real one when the layer has loaded; until then it is loading. */
class LazyQuery<T> implements Query<T> {
  readonly #make: () => Promise<Query<T>>;
  #real: Query<T> | undefined;
  #making: Promise<Query<T>> | undefined;
  #state: QueryState<T> = IDLE;

  constructor(make: () => Promise<Query<T>>) {
    this.#make = make;
  }

  get state(): QueryState<T> {
    return this.#real?.state ?? this.#state;
  }

  subscribe(listener: (state: QueryState<T>) => void): () => void {
    if (this.#real) return this.#real.subscribe(listener);
    const ticket: { gone: boolean; off?: () => void } = { gone: false };
    this.#start().then(
      (real) => {
        if (!ticket.gone) ticket.off = real.subscribe(listener);
      },
      (error: unknown) => {
        this.#state = { status: 'error', data: undefined, error };
        if (!ticket.gone) listener(this.#state);
      },
    );
    if (this.#state.status === 'idle') this.#state = { status: 'loading', data: undefined, error: undefined };
    listener(this.#state);
    return () => {
      ticket.gone = true;
      ticket.off?.();
    };
  }

  async refetch(): Promise<void> {
    await (await this.#start()).refetch();
  }

  #start(): Promise<Query<T>> {
    return (this.#making ??= this.#make().then((real) => (this.#real = real)));
  }
}
