import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { defineEvents } from '@atrium/shared';
import type { EventsOf, ScopedEvents } from '@atrium/shared';

const cartEvents = defineEvents({ 'test:cart-item-added': v.object({ sku: v.string(), quantity: v.number() }) });

// How a team declares its events, once: by declaration merging on AtriumEvents.
declare module '@atrium/shared' {
  interface AtriumEvents extends EventsOf<typeof cartEvents> {
    'test:signed-out': undefined;
    'test:theme': { readonly dark: boolean };
  }
}

declare const events: ScopedEvents;

describe('props.events types', () => {
  it('types payloads by event name, from the merged contract', () => {
    events.emit('test:theme', { dark: true });
    events.emit('test:cart-item-added', { sku: 'A', quantity: 1 });
    events.emit('test:signed-out');
    events.on('test:cart-item-added', (payload, meta) => {
      expectTypeOf(payload).toEqualTypeOf<{ sku: string; quantity: number }>();
      expectTypeOf(meta.source).toEqualTypeOf<string>();
    });
    // @ts-expect-error: quantity must be a number
    events.emit('test:cart-item-added', { sku: 'A', quantity: '1' });
    // @ts-expect-error: an event nobody declared
    events.emit('test:undeclared', {});
    // @ts-expect-error: the payload is required
    events.emit('test:theme');
  });
});
