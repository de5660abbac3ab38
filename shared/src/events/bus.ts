import { createLogger } from '../logger/logger.js';
import type { EventMeta, EventRecord, EventSchema, EventSchemas, OnOptions, ScopedEvents } from './contract.js';
import type { EventPayloadError } from './errors.js';

/**
 * The development check of one payload: the error refusing it, or undefined (and then the payload
 * is frozen). `checkPayload` in events/validate.ts; kept out of the bus (its code and its error
 * class) so production pages never download it.
 */
export type PayloadCheck = (type: string, source: string, payload: unknown, schemas: Iterable<EventSchema>) => EventPayloadError | undefined;

/** What the check's chunk exports (`loadPayloadCheck` loads it). */
export type PayloadCheckModule = typeof import('./validate.js');

const log = createLogger('events');

/** Options of {@link createEventBus}. */
export interface EventBusOptions {
  /**
   * Check every payload at the boundary (plain data, and every schema declared for the event) and
   * freeze it, refusing a bad one with an {@link EventPayloadError} to the emitter. Meant for
   * development: pass `loadPayloadCheck`, which loads the check as its own small chunk
   * ({@link EventBus.checking} settles when it is active). Default: off. (The loader is passed in,
   * not imported here, so a build that never checks has no such chunk to fetch or preload.)
   */
  readonly validate?: (() => Promise<PayloadCheckModule>) | false | undefined;
  /** How many recent events {@link EventBus.recent} keeps for devtools. Default 50. */
  readonly historySize?: number | undefined;
  /** Called when a listener throws (the emitter and the other listeners go on). Default: logs it. */
  readonly onListenerError?: ((error: unknown, info: { readonly type: string; readonly listener: string; readonly source: string }) => void) | undefined;
}

/** One MFE's (or widget's) view of the bus, owned by the host: it disposes it on unmount. */
export interface EventScope extends ScopedEvents {
  /** Removes every listener this scope added; later `on` calls are refused. Idempotent. */
  dispose(): void;
  /** Listeners this scope has now. */
  readonly listenerCount: number;
}

/** The page's event bus: one per page, shared by the shell's MFEs and embedded widgets. */
export interface EventBus {
  /**
   * A scope for one mounted MFE; `source` is its manifest name. With `signal` (the mount's), the
   * scope is disposed when it aborts: the host aborts it when the MFE unmounts.
   */
  scope(source: string, options?: { readonly signal?: AbortSignal }): EventScope;
  /** Adds payload schemas checked when validating (every schema declared for an event must accept). */
  declare(schemas: EventSchemas): void;
  /** The last `historySize` events, oldest first. */
  recent(): readonly EventRecord[];
  /** Calls `fn` with each event as it is recorded (devtools); returns the unsubscribe function. */
  observe(fn: (record: EventRecord) => void): () => void;
  /** Listeners on the page, for one event or all. */
  listenerCount(type?: string): number;
  /** Whether payloads are checked at the boundary (asked for, loaded or not). */
  readonly validates: boolean;
  /** Settles once the payload check is active (at once when payloads are not checked). */
  readonly checking: Promise<void>;
}

interface Entry {
  readonly listener: (payload: unknown, meta: EventMeta) => void;
  readonly owner: string;
  readonly remove: () => void;
}

/**
 * Creates an event bus. The host uses the page's one ({@link pageEventBus}); tests make their own.
 *
 * @example
 * ```ts
 * const bus = createEventBus({ validate: loadPayloadCheck }); // development
 * const cart = bus.scope('cart');
 * cart.on('cart:item-added', ({ sku }) => console.log(sku));
 * bus.scope('catalog').emit('cart:item-added', { sku: 'A-1', quantity: 1 });
 * cart.dispose(); // what the host does on unmount
 * ```
 */
export function createEventBus(options: EventBusOptions = {}): EventBus {
  const load = options.validate || undefined;
  let check: PayloadCheck | undefined;
  // Emitted before the check arrived: checked when it does (reported, no longer refusable).
  let unchecked: { type: string; source: string; payload: unknown }[] | undefined = load ? [] : undefined;
  const checking =
    load
      ? load().then(
          (module) => {
            check = module.checkPayload;
            module.checkLate(unchecked ?? [], (type) => schemas.get(type) ?? []);
            unchecked = undefined;
          },
          (error: unknown) => {
            unchecked = undefined;
            log.warn('the development payload check could not be loaded; payloads are not checked', error);
          },
        )
      : Promise.resolve();
  const historySize = options.historySize ?? 50;
  if (!Number.isInteger(historySize) || historySize < 0) throw new RangeError(`historySize must be a whole number ≥ 0 (got ${String(historySize)})`);
  const onListenerError = options.onListenerError ?? ((error, info) => log.error(`mfe '${info.listener}' threw in its '${info.type}' listener (event from '${info.source}'):`, error));
  const listeners = new Map<string, Set<Entry>>();
  const schemas = new Map<string, Set<EventSchema>>();
  const history: EventRecord[] = [];
  const observers = new Set<(record: EventRecord) => void>();
  let seq = 0;

  const record = (entry: EventRecord) => {
    if (historySize > 0) {
      history.push(entry);
      if (history.length > historySize) history.shift();
    }
    for (const observer of observers) observer(entry);
  };

  const emit = (source: string, type: string, payload: unknown) => {
    if (typeof type !== 'string' || !type) throw new TypeError(`mfe '${source}' emitted an event without a name: emit('<event name>', payload)`);
    seq += 1;
    const time = performance.now();
    const refused = check?.(type, source, payload, schemas.get(type) ?? []);
    if (refused) {
      record({ seq, type, source, time, payload, delivered: 0, refused: refused.problem });
      throw refused;
    }
    if (!check) unchecked?.push({ type, source, payload });
    const meta: EventMeta = Object.freeze({ type, source, seq, time });
    // A copy: a listener may remove itself (or others) while the event is delivered.
    const targets = [...(listeners.get(type) ?? [])];
    const failed: string[] = [];
    for (const entry of targets) {
      try {
        entry.listener(payload, meta);
      } catch (error) {
        failed.push(entry.owner);
        onListenerError(error, { type, listener: entry.owner, source });
      }
    }
    record({ seq, type, source, time, payload, delivered: targets.length, ...(failed.length ? { failedListeners: failed } : {}) });
  };

  const scope = (source: string, scopeOptions?: { readonly signal?: AbortSignal }): EventScope => {
    if (typeof source !== 'string' || !source) throw new TypeError('an event scope needs the MFE name as its source');
    const own = new Set<Entry>();
    let disposed = false;
    const on = (type: string, listener: (payload: unknown, meta: EventMeta) => void, onOptions?: OnOptions) => {
      if (typeof listener !== 'function') throw new TypeError(`mfe '${source}': on('${type}', listener) needs a function as listener`);
      if (disposed) {
        log.warn(`mfe '${source}' added a '${type}' listener after it unmounted: ignored (stop async work when props.signal aborts)`);
        return () => undefined;
      }
      if (onOptions?.signal?.aborted) return () => undefined;
      const set = listeners.get(type) ?? new Set<Entry>();
      listeners.set(type, set);
      const stopOnAbort = () => entry.remove();
      const entry: Entry = {
        listener,
        owner: source,
        remove: () => {
          set.delete(entry);
          own.delete(entry);
          if (!set.size) listeners.delete(type);
          onOptions?.signal?.removeEventListener('abort', stopOnAbort);
        },
      };
      set.add(entry);
      own.add(entry);
      onOptions?.signal?.addEventListener('abort', stopOnAbort, { once: true });
      return entry.remove;
    };
    const scoped = {
      source,
      emit: (type: string, ...payload: unknown[]) => emit(source, type, payload[0]),
      on,
      declare: (declared: EventSchemas) => bus.declare(declared),
      dispose: () => {
        disposed = true;
        for (const entry of [...own]) entry.remove();
      },
      get listenerCount() {
        return own.size;
      },
    };
    const until = scopeOptions?.signal;
    if (until?.aborted) scoped.dispose();
    else until?.addEventListener('abort', scoped.dispose, { once: true });
    // The typed signatures are the public face; the untyped implementation above is what runs.
    return scoped as unknown as EventScope;
  };

  const bus: EventBus = {
    scope,
    declare(declared) {
      for (const [type, schema] of Object.entries(declared)) {
        if (!schema || typeof schema['~standard']?.validate !== 'function') throw new TypeError(`the schema declared for '${type}' is not a Standard Schema (valibot, zod, arktype…: an object with ~standard.validate)`);
        const set = schemas.get(type) ?? new Set<EventSchema>();
        set.add(schema);
        schemas.set(type, set);
      }
    },
    recent: () => [...history],
    observe(fn) {
      observers.add(fn);
      return () => void observers.delete(fn);
    },
    listenerCount(type) {
      if (type !== undefined) return listeners.get(type)?.size ?? 0;
      let count = 0;
      for (const set of listeners.values()) count += set.size;
      return count;
    },
    validates: load !== undefined,
    checking,
  };
  return bus;
}
