/**
 * The brand every Atrium error carries: a getter under a registry symbol (`Symbol.for`), so an
 * error thrown by a second bundled copy of this package (an MFE that did not share it) carries
 * the same key and the guards of any copy recognise it. `name` alone would not do:
 * `DOMException`'s `TimeoutError` and ky's `TimeoutError` share it.
 */
export const ERROR_BRAND: unique symbol = Symbol.for('atrium.error.kinds');

/**
 * Base of every error Atrium raises. Each subclass declares its `static errorKind`; the brand lists
 * the kinds from this class down to the error's own, e.g. `['AtriumError', 'ApiError', 'HttpError']`.
 *
 * @example
 * ```ts
 * export class ManifestError extends AtriumError {
 *   static override readonly errorKind = 'ManifestError';
 *   override name = 'ManifestError';
 * }
 * ```
 */
export class AtriumError extends Error {
  static readonly errorKind: string = 'AtriumError';
  override name = 'AtriumError';

  /** The kinds this error is, most general first; what the `isXxxError` guards read. */
  get [ERROR_BRAND](): readonly string[] {
    const kinds: string[] = [];
    for (let type: unknown = this.constructor; typeof type === 'function' && type !== Error; type = Object.getPrototypeOf(type)) {
      if (Object.hasOwn(type, 'errorKind')) kinds.unshift(String((type as unknown as { errorKind: unknown }).errorKind));
    }
    return kinds;
  }
}

/** True when `value` carries the Atrium brand and is of `kind` (or a subclass of it). */
export function hasErrorKind(value: unknown, kind: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const kinds: unknown = (value as { [ERROR_BRAND]?: unknown })[ERROR_BRAND];
  return Array.isArray(kinds) && kinds.includes(kind);
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
  return hasErrorKind(value, 'AtriumError');
}
