import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { createEventBus } from './bus.js';
import { defineEvents } from './define.js';
import { isEventPayloadError } from './guard.js';
import { pageEventBus } from './page-bus.js';
import { loadPayloadCheck } from './load-check.js';

/** A bus that checks payloads, once its check has loaded (as in development). */
async function checkingBus() {
  const bus = createEventBus({ validate: loadPayloadCheck });
  await bus.checking;
  return bus;
}

// The tests use names outside the (empty) contract, as an MFE that did not merge its types would.
type Loose = { emit(type: string, payload?: unknown): void; on(type: string, fn: (payload: any, meta: any) => void, o?: { signal?: AbortSignal }): () => void };
const loose = (scope: unknown) => scope as Loose;

describe('createEventBus', () => {
  it('delivers an event to every listener on the page, with the emitting MFE as its source', async () => {
    const bus = await checkingBus();
    const seen: string[] = [];
    loose(bus.scope('cart')).on('cart:item-added', (payload, meta) => seen.push(`cart got ${payload.sku} from ${meta.source}`));
    loose(bus.scope('widget-basket')).on('cart:item-added', (payload, meta) => seen.push(`widget got ${payload.sku} from ${meta.source} #${meta.seq}`));
    loose(bus.scope('catalog')).emit('cart:item-added', { sku: 'A-1', quantity: 2 });
    expect(seen).toEqual(['cart got A-1 from catalog', 'widget got A-1 from catalog #1']);
  });

  it('removes every listener of a scope when it is disposed (unmount), and refuses new ones after', () => {
    const bus = createEventBus();
    const cart = loose(bus.scope('cart'));
    const got = vi.fn();
    cart.on('a', got);
    cart.on('b', got);
    expect(bus.listenerCount()).toBe(2);
    bus.scope('cart'); // another instance of the same MFE keeps its own listeners
    (cart as unknown as { dispose(): void }).dispose();
    expect(bus.listenerCount()).toBe(0);
    cart.on('a', got); // async work finishing after unmount
    loose(bus.scope('x')).emit('a', 1);
    expect(got).not.toHaveBeenCalled();
    expect(bus.listenerCount()).toBe(0);
  });

  it('disposes a scope when the mount signal it was created with aborts', () => {
    const bus = createEventBus();
    const controller = new AbortController();
    const scope = loose(bus.scope('cart', { signal: controller.signal }));
    scope.on('a', () => undefined);
    expect(bus.listenerCount()).toBe(1);
    controller.abort();
    expect(bus.listenerCount()).toBe(0);
    const late = loose(bus.scope('cart', { signal: controller.signal }));
    late.on('a', () => undefined);
    expect(bus.listenerCount()).toBe(0);
  });

  it('leaves no listener behind after 1,000 mount/unmount cycles', async () => {
    const bus = await checkingBus();
    const other = loose(bus.scope('other'));
    let received = 0;
    for (let i = 0; i < 1000; i += 1) {
      const scope = bus.scope('cart');
      const controller = new AbortController();
      loose(scope).on('tick', () => (received += 1));
      loose(scope).on('tock', () => undefined, { signal: controller.signal });
      other.emit('tick', { i });
      controller.abort(); // what the host does before unmount
      scope.dispose();
    }
    expect(received).toBe(1000);
    expect(bus.listenerCount()).toBe(0);
  });

  it('removes a listener when its signal aborts or its remover runs, and only that one', () => {
    const bus = createEventBus();
    const scope = loose(bus.scope('m'));
    const controller = new AbortController();
    const a = vi.fn();
    const b = vi.fn();
    const c = vi.fn();
    scope.on('e', a, { signal: controller.signal });
    const stopB = scope.on('e', b);
    scope.on('e', c);
    controller.abort();
    stopB();
    scope.emit('e', 1);
    expect([a.mock.calls.length, b.mock.calls.length, c.mock.calls.length]).toEqual([0, 0, 1]);
    scope.on('e', a, { signal: controller.signal }); // already aborted: never added
    expect(bus.listenerCount('e')).toBe(1);
  });

  it('refuses in development a payload that is not plain data, naming the path, before any listener sees it', async () => {
    const bus = await checkingBus();
    const listener = vi.fn();
    loose(bus.scope('cart')).on('cart:item-added', listener);
    const emit = (payload: unknown) => loose(bus.scope('catalog')).emit('cart:item-added', payload);
    expect(() => emit({ sku: 'A', onDone: () => undefined })).toThrow(/mfe 'catalog' emitted 'cart:item-added' .*payload\.onDone is a function/);
    expect(() => emit({ items: [{ el: document.createElement('div') }] })).toThrow(/payload\.items\[0\]\.el is a HTMLDivElement, not plain data/);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => emit(cyclic)).toThrow(/cycle/);
    expect(() => emit(new Map())).toThrow(isEventPayloadErrorMatcher());
    expect(listener).not.toHaveBeenCalled();
    expect(bus.recent().map((r) => r.refused !== undefined)).toEqual([true, true, true, true]);
  });

  it('checks payloads against every declared schema in development, and not in production', async () => {
    const contract = defineEvents({ 'cart:item-added': v.object({ sku: v.string(), quantity: v.pipe(v.number(), v.integer()) }) });
    const dev = await checkingBus();
    const prod = createEventBus({ validate: false });
    for (const bus of [dev, prod]) bus.declare(contract);
    const bad = { sku: 'A-1', quantity: '2' };
    let caught: unknown;
    try {
      loose(dev.scope('catalog')).emit('cart:item-added', bad);
    } catch (error) {
      caught = error;
    }
    expect(isEventPayloadError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/quantity: Invalid type: Expected number but received "2"/);
    const got = vi.fn();
    loose(prod.scope('cart')).on('cart:item-added', got);
    loose(prod.scope('catalog')).emit('cart:item-added', bad);
    expect(got).toHaveBeenCalledWith(bad, expect.objectContaining({ source: 'catalog' }));
    expect(() => dev.declare({ broken: {} as never })).toThrow(/not a Standard Schema/);
  });

  it('freezes a validated payload so one listener cannot change what the next receives', async () => {
    const bus = await checkingBus();
    const scope = loose(bus.scope('m'));
    scope.on('e', (payload) => {
      expect(() => {
        payload.items.push(3);
      }).toThrow(TypeError);
    });
    scope.emit('e', { items: [1, 2] });
  });

  it('keeps delivering when a listener throws, and names the MFE whose listener threw', () => {
    const errors: unknown[] = [];
    const bus = createEventBus({ onListenerError: (error, info) => errors.push({ message: (error as Error).message, ...info }) });
    loose(bus.scope('broken')).on('e', () => {
      throw new Error('boom');
    });
    const healthy = vi.fn();
    loose(bus.scope('healthy')).on('e', healthy);
    loose(bus.scope('emitter')).emit('e', 1);
    expect(healthy).toHaveBeenCalledOnce();
    expect(errors).toEqual([{ message: 'boom', type: 'e', listener: 'broken', source: 'emitter' }]);
    expect(bus.recent().at(-1)).toMatchObject({ type: 'e', delivered: 2, failedListeners: ['broken'] });
  });

  it('keeps the last N events for devtools, oldest first, and tells observers as they happen', () => {
    const bus = createEventBus({ historySize: 3 });
    const observed: number[] = [];
    const stop = bus.observe((record) => observed.push(record.payload as number));
    const scope = loose(bus.scope('m'));
    for (let i = 1; i <= 5; i += 1) scope.emit('n', i);
    stop();
    scope.emit('n', 6);
    expect(bus.recent().map((r) => r.payload)).toEqual([4, 5, 6]);
    expect(observed).toEqual([1, 2, 3, 4, 5]);
    expect(() => createEventBus({ historySize: -1 })).toThrow(RangeError);
  });
});

describe('createEventBus({ validate: loadPayloadCheck })', () => {
  it('loads the check lazily, then refuses bad payloads; what slipped through before is reported', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const bus = createEventBus({ validate: loadPayloadCheck });
      expect(bus.validates).toBe(true);
      const scope = loose(bus.scope('catalog'));
      scope.emit('early', { later: () => undefined }); // before the chunk arrived: delivered
      await bus.checking;
      expect(warn.mock.calls.flat().join(' ')).toMatch(/mfe 'catalog' emitted 'early' with a payload the contract refuses: payload\.later is a function.*before the development check had loaded/);
      expect(() => scope.emit('late', { later: () => undefined })).toThrow(/payload\.later is a function/);
    } finally {
      warn.mockRestore();
    }
  });

  it('never loads the check when payloads are not checked', async () => {
    const bus = createEventBus({ validate: false });
    await bus.checking;
    const got = vi.fn();
    loose(bus.scope('a')).on('e', got);
    loose(bus.scope('b')).emit('e', { f: () => undefined });
    expect(got).toHaveBeenCalledOnce();
    expect(bus.validates).toBe(false);
  });
});

describe('pageEventBus', () => {
  it('is one bus per page, whichever bundle asks first', () => {
    expect(pageEventBus()).toBe(pageEventBus({ validate: false }));
  });
});

function isEventPayloadErrorMatcher() {
  return /payload is a Map, not plain data/;
}
