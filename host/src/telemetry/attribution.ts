/** What attribution needs to know about one MFE: its name and the URL of its remote entry. */
export interface AttributableMfe {
  readonly name: string;
  readonly url: string;
}

/**
 * The MFE whose code a stack trace (or a script URL) points at: the one whose deployed folder
 * (its entry URL without the file name) the topmost frame's URL is in. Frames of the host and of
 * other origins are skipped, so an MFE's error that passed through the shell still counts as the
 * MFE's. Undefined when no frame belongs to an MFE.
 *
 * @example
 * ```ts
 * mfeForStack(error.stack, [{ name: 'cart', url: 'https://cdn.example.com/cart/1.2.0/remoteEntry.js' }]); // 'cart'
 * ```
 */
export function mfeForStack(stack: string | undefined, mfes: readonly AttributableMfe[]): string | undefined {
  if (!stack) return undefined;
  const folders = mfes
    .map((mfe) => ({ name: mfe.name, folder: folderOf(mfe.url) }))
    .filter((m): m is { name: string; folder: string } => m.folder !== undefined)
    // The longest folder first: /cdn/cart/ must not claim /cdn/cart-extras/… (it cannot: folders end with "/").
    .sort((a, b) => b.folder.length - a.folder.length);
  for (const url of stack.match(/https?:\/\/[^\s)'"]+/g) ?? []) {
    const found = folders.find((m) => url.startsWith(m.folder));
    if (found) return found.name;
  }
  return undefined;
}

function folderOf(entryUrl: string): string | undefined {
  try {
    const url = new URL(entryUrl);
    url.search = '';
    url.hash = '';
    return url.href.slice(0, url.href.lastIndexOf('/') + 1);
  } catch {
    return undefined;
  }
}
