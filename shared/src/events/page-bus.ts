import { createEventBus } from './bus.js';
import type { EventBus, EventBusOptions } from './bus.js';

// A well-known symbol, not a module variable: the shell and embed.js are separate bundles (and an
// MFE may bundle its own copy of this package), yet a page has one bus for all of them.
const PAGE_BUS = Symbol.for('atrium.events.page-bus');

/**
 * The page's one event bus, created on first call with `options` (later calls get the same bus
 * and their options are ignored). The shell and embed.js call it at boot.
 *
 * @example
 * ```ts
 * const scope = pageEventBus().scope('accounts'); // what the host passes as props.events
 * ```
 */
export function pageEventBus(options?: EventBusOptions): EventBus {
  const holder = globalThis as { [PAGE_BUS]?: EventBus };
  holder[PAGE_BUS] ??= createEventBus(options);
  return holder[PAGE_BUS];
}
