/**
 * Base of every error Atrium raises. `name` is set per subclass and is what the `isXxxError`
 * guards compare, so an error thrown by a second bundled copy of this package still matches.
 */
export class AtriumError extends Error {
  override name = 'AtriumError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

const ATRIUM_ERROR_NAMES = new Set<string>();

/** Registers a subclass name so `isAtriumError` recognises it across bundles. */
export function registerAtriumErrorName(name: string): void {
  ATRIUM_ERROR_NAMES.add(name);
}

/**
 * True for any Atrium error, also one from another copy of this package.
 *
 * @example
 * ```ts
 * try { await host.retry('accounts'); } catch (e) { if (isAtriumError(e)) show(e.message); }
 * ```
 */
export function isAtriumError(value: unknown): value is AtriumError {
  if (value instanceof AtriumError) return true;
  return value instanceof Error && (value.name === 'AtriumError' || ATRIUM_ERROR_NAMES.has(value.name));
}
