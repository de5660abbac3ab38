import { AtriumError } from '../errors/atrium-error.js';

/**
 * An event refused at the boundary in development: its payload is not plain data or does not
 * match the schema declared for it. Thrown to the emitting MFE; no listener saw it.
 */
export class EventPayloadError extends AtriumError {
  static override readonly errorKind = 'EventPayloadError';
  override name = 'EventPayloadError';

  constructor(
    /** The event's name. */
    readonly type: string,
    /** The MFE that emitted it. */
    readonly source: string,
    /** What is wrong, e.g. "quantity: Invalid type: Expected number but received "2"". */
    readonly problem: string,
  ) {
    super(`mfe '${source}' emitted '${type}' with a payload the contract refuses: ${problem} — fix the payload or the event's declaration (AtriumEvents / defineEvents)`);
  }
}
