/**
 * The grammar of an MFE name: lowercase letters, digits, `-` and `_`, starting with a letter,
 * at most 64 characters. Names are data: the host keeps them in Maps and Sets, never as keys of
 * plain objects, so `constructor` or `hasownproperty` is just another name.
 */
export const MFE_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

/** True when `value` is a valid MFE name. */
export function isMfeName(value: unknown): value is string {
  return typeof value === 'string' && MFE_NAME.test(value);
}
