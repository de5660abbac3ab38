import type { EventSchemas } from './contract.js';

/**
 * Declares a set of events by their payload schemas (any Standard Schema: valibot, zod…), once, in
 * the module that owns them. Merge the types into {@link AtriumEvents} with `EventsOf`, and pass
 * the same object to `props.events.declare` so development builds check payloads against it.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { defineEvents, type EventsOf } from '@atrium/shared';
 *
 * export const cartEvents = defineEvents({
 *   'cart:item-added': v.object({ sku: v.string(), quantity: v.pipe(v.number(), v.integer()) }),
 * });
 * declare module '@atrium/shared' {
 *   interface AtriumEvents extends EventsOf<typeof cartEvents> {}
 * }
 * ```
 */
export function defineEvents<const S extends EventSchemas>(schemas: S): S {
  return schemas;
}
