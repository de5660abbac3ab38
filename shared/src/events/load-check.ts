import type { PayloadCheckModule } from './bus.js';

/**
 * Loads the development check of event payloads, a chunk of its own: pass it as the bus's
 * `validate` in development (Vite dev builds, or a page with logLevel "debug"). Only code that
 * calls it has the chunk; production MFE builds never do.
 *
 * @example
 * ```ts
 * pageEventBus({ validate: import.meta.env.DEV ? loadPayloadCheck : false });
 * ```
 */
export const loadPayloadCheck = (): Promise<PayloadCheckModule> => import('./validate.js');
