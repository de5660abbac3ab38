// The control plane's one error family. Guards recognise a brand symbol, not a class identity,
// so two copies of this module (the CLI installed next to a server) still agree.
const BRAND = Symbol.for('atrium.control-plane.error');

/** Base of every control-plane error: `code` is stable for `--json` consumers. */
export class ControlPlaneError extends Error {
  /**
   * @param {string} message what happened and what to do
   * @param {{ code?: string, cause?: unknown }} [options]
   */
  constructor(message, { code = 'control-plane', cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ControlPlaneError';
    this.code = code;
    /** @type {true} */
    this[BRAND] = true;
  }
}

/**
 * A compare-and-swap lost: the key changed since it was read. `current` is what is there now
 * (the winner's write), so the message can name who won.
 */
export class ConflictError extends ControlPlaneError {
  /**
   * @param {string} key
   * @param {number} expected the revision the writer had read (0: the key must not exist)
   * @param {import('./store.mjs').StoredEntry | undefined} current
   * @param {string} [message]
   */
  constructor(key, expected, current, message) {
    super(message ?? `${key} changed since it was read (expected revision ${expected}, now ${current?.revision ?? 'deleted'}) — read it again and retry`, { code: 'conflict' });
    this.name = 'ConflictError';
    this.key = key;
    this.expected = expected;
    this.current = current;
  }
}

/** The store cannot be reached or answered garbage: nothing was changed that we know of. */
export class StoreUnavailableError extends ControlPlaneError {
  /** @param {string} message @param {unknown} [cause] */
  constructor(message, cause) {
    super(message, { code: 'store-unavailable', cause });
    this.name = 'StoreUnavailableError';
  }
}

/** @param {unknown} e @returns {e is ControlPlaneError} */
export function isControlPlaneError(e) {
  return typeof e === 'object' && e !== null && /** @type {any} */ (e)[BRAND] === true;
}

/** @param {unknown} e @returns {e is ConflictError} */
export function isConflictError(e) {
  return isControlPlaneError(e) && e.code === 'conflict';
}

/** @param {unknown} e @returns {e is StoreUnavailableError} */
export function isStoreUnavailableError(e) {
  return isControlPlaneError(e) && e.code === 'store-unavailable';
}
