/** `?atrium-override=accounts=http://localhost:5202/remoteEntry.js`; an empty URL removes one. */
export const OVERRIDE_PARAM = 'atrium-override';
/** `?atrium-overrides=reset` removes all. */
export const RESET_PARAM = 'atrium-overrides';

/**
 * Whether the address names overrides. The shell's boot asks this (and the config) before it
 * fetches the overrides code, a lazy chunk: a production page never downloads it.
 */
export function overridesInUrl(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has(OVERRIDE_PARAM) || params.has(RESET_PARAM);
}
