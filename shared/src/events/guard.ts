import { hasErrorKind } from '../errors/atrium-error.js';
import type { EventPayloadError } from './errors.js';

// Apart from the class: the guard is in every MFE's view of the package (the shell provides it),
// the class only in the development check's chunk.
/**
 * True for an {@link EventPayloadError}, also one from another copy of this package.
 *
 * @example
 * ```ts
 * try { events.emit('cart:item-added', draft); } catch (e) { if (isEventPayloadError(e)) log.warn(e.problem); }
 * ```
 */
export function isEventPayloadError(value: unknown): value is EventPayloadError {
  return hasErrorKind(value, 'EventPayloadError');
}
