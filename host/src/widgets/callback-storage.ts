// The two sessionStorage keys between an embedding site's callback page and its other pages
// (this origin, this tab): shared by the relay (every page) and the callback page's chunk.

/** The IdP's answer, handed from the callback page to the page that finishes the sign-in. */
export const HANDED_OVER = 'atrium.widgets.callback';
/** Where the callback page returns a visitor who signed out at the IdP. */
export const AFTER_SIGN_OUT = 'atrium.widgets.after-sign-out';
/** An answer older than this was not handed to the page being loaded now. */
export const HAND_OVER_MAX_AGE_MS = 120_000;

/** Reads and deletes a key; undefined when storage is unavailable. */
export function takeItem(key: string): string | undefined {
  try {
    const value = sessionStorage.getItem(key);
    if (value !== null) sessionStorage.removeItem(key);
    return value ?? undefined;
  } catch {
    return undefined;
  }
}
