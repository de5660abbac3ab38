import { ManifestError } from '../errors.js';

/** Where the manifest text came from, and the text. */
export interface ManifestSource {
  readonly source: string;
  readonly text: string;
  /** The stamp of the deploy step that checked it (an inlined manifest's `data-checked`), if any. */
  readonly checked?: string;
}

const INLINE_ID = 'atrium-manifest';

/**
 * Reads the manifest: inlined in the page by the deploy step (no round trip), else fetched from
 * the configured URL. `no-cache` because a redeployed MFE is announced by a changed manifest.
 */
export async function readManifest(manifestUrl: string | undefined, doc: Document = document): Promise<ManifestSource> {
  const inline = doc.getElementById(INLINE_ID);
  if (inline?.textContent?.trim()) {
    const checked = inline.getAttribute('data-checked');
    return { source: 'the page (inlined)', text: inline.textContent, ...(checked ? { checked } : {}) };
  }
  if (!manifestUrl) {
    throw new ManifestError('no manifest: the host config has no "manifestUrl" and the page has no inlined manifest — set manifestUrl in atrium.config.json');
  }
  let response: Response;
  try {
    response = await fetch(manifestUrl, { cache: 'no-cache', credentials: 'omit' });
  } catch (error) {
    throw new ManifestError(`the manifest at ${manifestUrl} could not be fetched (network or CORS) — check the URL and that its server allows this origin`, { cause: error });
  }
  if (!response.ok) {
    throw new ManifestError(`the manifest at ${manifestUrl} answered ${response.status} ${response.statusText} — check manifestUrl in the host config`);
  }
  return { source: manifestUrl, text: await response.text() };
}
