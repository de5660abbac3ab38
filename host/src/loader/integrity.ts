import { createLogger } from '@atrium/shared';
import type { ResolvedEntry } from '../manifest/index.js';
import { RemoteLoadError } from '../errors.js';
import { inlineScriptsAllowed, rememberInlineScriptsRefused } from './inline-scripts.js';
import { preloadModule } from './preload.js';

// Per-file integrity is enforced by the browser, not by us: an import map's `integrity` section
// makes every module fetch of a listed URL (static import, dynamic import, modulepreload without
// its own attribute) check the bytes before they run, and stylesheet links carry `integrity`.
// A fetch-and-hash in JS would check a copy while the browser runs another (a second fetch);
// the browser path has no such gap. Checked in Chromium 156: dynamically added import maps merge,
// and a failed modulepreload does NOT stop a later import() of the same URL, so a preload is a
// guard only when the import waits for it and does not happen if it failed.

const log = createLogger('host:integrity');

/** The SRI hash the page pins for a URL (entry files of every MFE loaded so far). */
const pinned = new Map<string, string>();
let probes = 0;
// Once the page refused one import map (its CSP admits no inline script), it refuses them all.
let mapsRefused = false;

/**
 * The absolute URL → SRI hash of every file an entry lists in `files` (on the entry's origin; a
 * path that resolves elsewhere is dropped, like `css`).
 */
export function fileIntegrity(entry: ResolvedEntry): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, sri] of Object.entries(entry.files ?? {})) {
    const url = new URL(path, entry.entryUrl);
    if (url.origin === entry.entryUrl.origin) out.set(url.href, sri);
  }
  return out;
}

/**
 * The hash a URL must match, if the page pins one: what {@link enforceIntegrity} declared for it.
 * Used for the entry's own preload (whatever URL an attempt uses) and for stylesheet links.
 *
 * @example
 * ```ts
 * const sri = integrityFor(href);
 * if (sri) { link.integrity = sri; link.crossOrigin = 'anonymous'; }
 * ```
 */
export function integrityFor(url: string): string | undefined {
  return pinned.get(url) ?? pinned.get(withoutQuery(url));
}

/**
 * Makes the browser verify every file of `entry` before it runs, or rejects — fail closed. Files
 * already pinned by an import map in the page (the deploy step inlines one for the manifest it
 * knows) are left as they are; the rest go into a new import map (a nonce on the page's scripts
 * is reused). Whether the browser took the map is checked by resolving a probe specifier through
 * it. Where it did not (a CMS page whose CSP admits no inline script, a browser without import
 * maps), every JS file is preloaded with its `integrity` and the promise settles only when all
 * are verified into the module map, so the later imports run the checked modules; any failure
 * rejects and nothing of the MFE is imported. No `files`: nothing to do.
 *
 * @example
 * ```ts
 * await enforceIntegrity(entry); // before the entry's code is imported
 * ```
 */
export async function enforceIntegrity(entry: ResolvedEntry, doc: Document = document, options: { readonly planned?: boolean } = {}): Promise<void> {
  const files = fileIntegrity(entry);
  if (files.size === 0) return;
  const declared = declaredIntegrity(doc);
  const missing: Record<string, string> = {};
  for (const [url, sri] of files) {
    const existing = declared.get(url);
    if (existing !== undefined && existing !== sri) {
      // The first import map to pin a URL wins in the browser: this one could never load.
      throw refuse(entry, url, `the page already pins ${url} to another hash (${existing.slice(0, 16)}…) — the manifest and the page's import map disagree: redeploy the page with this manifest`);
    }
    if (existing === undefined) missing[url] = sri;
  }
  for (const [url, sri] of files) pinned.set(url, sri);
  if (Object.keys(missing).length === 0 || addImportMap(entry, missing, doc)) return;
  // A planned load can only ever import its chunk, the chunk's static imports and its lazy
  // chunks: those are verified; the runtime path's files (remoteEntry.js and its glue) are not
  // fetched at all. Any other load may import any of the MFE's files: all are verified.
  const reachable = options.planned ? plannedFiles(entry) : undefined;
  await Promise.all(Object.entries(missing).filter(([url]) => /\.m?js$/.test(new URL(url).pathname) && (!reachable || reachable.has(url))).map(([url, sri]) => preloadModule(url, sri, doc)));
}

/** The absolute URLs a planned load can import: its chunk, the chunk's static imports, its lazy chunks. */
function plannedFiles(entry: ResolvedEntry): Set<string> {
  const out = new Set(entry.preloadUrls);
  if (entry.bootUrl) out.add(entry.bootUrl.href);
  for (const file of entry.boot?.lazy ?? []) out.add(new URL(file, entry.entryUrl).href);
  return out;
}

/**
 * After a load failed: the first of the entry's files the browser fetched whose bytes do not
 * match the manifest, so the message can name it (the browser's own error names only the
 * entry). Undefined when every file matches or none can be checked.
 */
export async function findMismatch(entry: ResolvedEntry): Promise<string | undefined> {
  const files = fileIntegrity(entry);
  const fetched = new Set(performance.getEntriesByType('resource').map((r) => withoutQuery(r.name)));
  const suspects = [...files].filter(([url]) => fetched.has(url));
  for (const [url, integrity] of suspects.length ? suspects : [...files]) {
    try {
      const response = await fetch(url, { mode: 'cors', credentials: 'omit', integrity });
      await response.arrayBuffer();
    } catch {
      // Refused: a changed file, or none at all (a 404 page fails the hash too) — only a file
      // that is there is a mismatch; a missing one is the caller's "answered 404".
      if (await isServed(url)) return url;
    }
  }
  return undefined;
}

async function isServed(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { mode: 'cors', credentials: 'omit', cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

/**
 * When the browser refused one of the entry's pinned files: a message naming it and why, for the
 * entry's error (undefined when every file matches or none is pinned). `stylesheet` for a
 * stylesheet the browser would not apply, `file` for code it would not run.
 */
export async function tamperedFileMessage(entry: ResolvedEntry, kind: 'file' | 'stylesheet' = 'file'): Promise<string | undefined> {
  const file = entry.files ? await findMismatch(entry) : undefined;
  return file && `its ${kind} ${file} does not match the manifest's integrity — the browser refused to ${kind === 'file' ? 'run' : 'apply'} it: the file changed after the manifest was written (tampered, or redeployed without a new manifest)`;
}

/** True when the browser applied the map; false when it was refused (the caller falls back). */
function addImportMap(entry: ResolvedEntry, integrity: Record<string, string>, doc: Document): boolean {
  if (mapsRefused) return false;
  const nonce = doc.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || undefined;
  if (!inlineScriptsAllowed(doc, nonce)) {
    mapsRefused = true;
    log.debug(`the page's policy admits no inline script; '${entry.name}' is verified by preloading its files`);
    return false;
  }
  const probe = `atrium-integrity-probe/${(probes += 1)}`;
  const script = doc.createElement('script');
  script.type = 'importmap';
  if (nonce) script.nonce = nonce;
  try {
    script.textContent = trustedScript(JSON.stringify({ imports: { [probe]: entry.entryUrl.href }, integrity })) as string;
    doc.head.append(script);
  } catch (error) {
    // Trusted Types without our policy: the preload path needs no inline script.
    mapsRefused = true;
    log.debug(`no import map for '${entry.name}' (${error instanceof Error ? error.message : String(error)}); its files are verified by preloading`);
    return false;
  }
  try {
    import.meta.resolve(probe);
  } catch {
    mapsRefused = true;
    rememberInlineScriptsRefused();
    log.debug(`the page refused an import map; '${entry.name}' is verified by preloading its files`);
    return false;
  }
  log.debug(`pinned ${Object.keys(integrity).length} files of '${entry.name}'`);
  return true;
}

/** Every URL → hash the page's import maps already declare. */
function declaredIntegrity(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const script of doc.querySelectorAll<HTMLScriptElement>('script[type="importmap"]')) {
    try {
      const map = JSON.parse(script.textContent ?? '{}') as { integrity?: Record<string, unknown> };
      for (const [url, sri] of Object.entries(map.integrity ?? {})) if (typeof sri === 'string' && !out.has(url)) out.set(url, sri);
    } catch {
      // A broken map is the browser's to report; it pins nothing.
    }
  }
  return out;
}

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScript(input: string): string }): { createScript(input: string): unknown };
}

let policy: { createScript(input: string): unknown } | undefined;

/** The JSON we built ourselves, as a TrustedScript where Trusted Types are enforced. */
function trustedScript(json: string): unknown {
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return json;
  // Only our own JSON.stringify output goes through it (never markup or code from elsewhere).
  policy ??= tt.createPolicy('atrium#integrity', { createScript: (input) => input });
  return policy.createScript(json);
}

function refuse(entry: ResolvedEntry, url: string, why: string): RemoteLoadError {
  return new RemoteLoadError(entry.name, url, `mfe '${entry.name}' could not be loaded from ${entry.entryUrl.href}: integrity cannot be enforced: ${why}`);
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.href;
}
