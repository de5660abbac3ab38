/**
 * The page's event contract. Empty here: each team adds its events by declaration merging, once,
 * in the module that owns them, and every MFE that imports that module sees the same types.
 *
 * @example
 * ```ts
 * declare module '@atrium/shared' {
 *   interface AtriumEvents {
 *     'cart:item-added': { readonly sku: string; readonly quantity: number };
 *     'session:expired': undefined;
 *   }
 * }
 * // or from schemas (see defineEvents): interface AtriumEvents extends EventsOf<typeof cartEvents> {}
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface AtriumEvents {}

/** Every declared event name. */
export type EventName = keyof AtriumEvents & string;

/** The payload type of one declared event. */
export type EventPayload<K extends EventName> = AtriumEvents[K];

/** `emit`'s payload argument: optional for events declared with an `undefined` payload. */
export type PayloadArgs<K extends EventName> = undefined extends AtriumEvents[K] ? [payload?: AtriumEvents[K]] : [payload: AtriumEvents[K]];

/** What a listener learns besides the payload. */
export interface EventMeta {
  /** The event's name. */
  readonly type: string;
  /** The MFE that emitted it (its manifest name; 'host' for the shell itself). */
  readonly source: string;
  /** Position in the page's event sequence, from 1. */
  readonly seq: number;
  /** `performance.now()` when it was emitted. */
  readonly time: number;
}

/** A listener for one event. */
export type EventListener<K extends EventName> = (payload: AtriumEvents[K], meta: EventMeta) => void;

/** Options of {@link ScopedEvents.on}. */
export interface OnOptions {
  /** Removes the listener when aborted (the MFE's `props.signal`, or any other). */
  readonly signal?: AbortSignal;
}

/**
 * The events an MFE gets as `props.events`: emits carry its name, and every listener it adds is
 * removed when it unmounts (or when `options.signal` aborts, or when the returned function runs).
 *
 * @example
 * ```ts
 * export const { bootstrap, mount, unmount } = defineMfe({
 *   async mount({ events, domElement }) {
 *     events.on('cart:item-added', ({ sku }) => { domElement.dataset['last'] = sku; });
 *     events.emit('cart:item-added', { sku: 'A-1', quantity: 2 });
 *   },
 *   async unmount({ domElement }) { domElement.replaceChildren(); },
 * });
 * ```
 */
export interface ScopedEvents {
  /** The MFE these events are scoped to. */
  readonly source: string;
  /** Sends an event to every listener on the page (other MFEs, widgets, the shell; this MFE too). */
  emit<K extends EventName>(type: K, ...payload: PayloadArgs<K>): void;
  /** Listens to an event until this MFE unmounts; returns a function that stops listening now. */
  on<K extends EventName>(type: K, listener: EventListener<K>, options?: OnOptions): () => void;
  /**
   * Declares runtime schemas for events (usually the ones this MFE owns): in development every
   * payload of those events is checked against them at the boundary. Types come from
   * {@link AtriumEvents}; this only adds the check.
   */
  declare(schemas: EventSchemas): void;
}

/** One issue from a schema, as the Standard Schema spec (v1) reports it. */
export interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/**
 * A runtime schema for a payload: anything implementing Standard Schema v1 (valibot, zod,
 * arktype…), so `@atrium/shared` depends on none of them.
 */
export interface EventSchema<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<SchemaIssue> } | Promise<unknown>;
    readonly types?: { readonly input: unknown; readonly output: Output } | undefined;
  };
}

/** Payload schemas by event name, as {@link defineEvents} takes them. */
export type EventSchemas = Readonly<Record<string, EventSchema>>;

/** The event map a set of schemas describes, to merge into {@link AtriumEvents}. */
export type EventsOf<S extends EventSchemas> = { [K in keyof S]: S[K] extends EventSchema<infer O> ? O : never };

/** One entry of the page's recent-events list (devtools). */
export interface EventRecord {
  readonly seq: number;
  readonly type: string;
  readonly source: string;
  readonly time: number;
  readonly payload: unknown;
  /** How many listeners received it (0 when refused). */
  readonly delivered: number;
  /** Why the boundary refused it (development validation), when it did. */
  readonly refused?: string;
  /** The MFEs whose listeners threw. */
  readonly failedListeners?: readonly string[];
}
