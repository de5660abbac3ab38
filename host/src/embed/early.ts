// What embed.js starts before its runtime chunk has arrived, so the network is never idle: the
// config, then the manifest and the code and styles of the MFEs the page's widgets name. It only
// fetches (modulepreload never evaluates; a preload never applies CSS): the runtime validates
// everything before anything runs, as the shell's inline boot preload does. The origin and URL
// rules are the policy module's, the same the runtime applies afterwards.
import { checkRemoteUrl, isUrlRefusal, normalizeOrigin, resolveOnOrigin } from '@atrium/shared/policy';
import type { EarlyManifest } from '../runtime/manifest.js';
import { callsPublicApi } from '../runtime/public-apis.js';

interface ConfigPeek {
  manifestUrl?: unknown;
  manifest?: { mfes?: unknown };
  allowedOrigins?: unknown;
  embed?: { allowedEmbedders?: unknown };
  apis?: unknown;
}

interface EntryPeek {
  name?: unknown;
  entry?: unknown;
  integrity?: unknown;
  files?: unknown;
  preload?: unknown;
  css?: unknown;
  boot?: { module?: unknown };
  apis?: unknown;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * Starts the manifest fetch once the config says this page may embed; undefined otherwise.
 * `warmApis` fetches the API layer: called when a widget on the page names an MFE whose manifest
 * entry declares an API it can call without sign-in (`apis`), so the layer arrives with the MFE's
 * code instead of after the widget host has run.
 */
export function fetchManifestEarly(config: Promise<Response>, configUrl: string, tag: string, warmApis: () => void): Promise<EarlyManifest | undefined> {
  return config
    .then((response) => (response.ok ? (response.clone().json() as Promise<ConfigPeek>) : undefined))
    .then((peek) => {
      // An unlisted page fetches nothing more; the runtime says why (normalised origins and all).
      if (!peek || typeof peek.manifestUrl !== 'string' || !strings(peek.embed?.allowedEmbedders).some((o) => normalizeOrigin(o) === location.origin)) return undefined;
      const url = new URL(peek.manifestUrl, configUrl).href;
      // The resolver inlines the visitor's manifest in the config: no second request.
      const inline = typeof peek.manifest === 'object' && peek.manifest !== null ? peek.manifest : undefined;
      const response = inline ? Promise.resolve(new Response(JSON.stringify(inline), { status: 200, headers: { 'Content-Type': 'application/json' } })) : fetch(url, { cache: 'no-cache', credentials: 'omit' });
      response
        .then((r) => (r.ok ? r.clone().json() : undefined))
        .then((manifest: { mfes?: unknown } | undefined) => {
          const preloaded = preloadRemotes(manifest?.mfes, strings(peek.allowedOrigins), tag);
          if (preloaded.some((entry) => callsPublicApi(peek.apis, strings(entry.apis)))) warmApis();
        })
        .catch(() => undefined);
      return { url, response };
    })
    .catch(() => undefined);
}

/** Preloads the code and styles of the entries the page's widgets name; returns those entries. */
function preloadRemotes(mfes: unknown, allowedOrigins: readonly string[], tag: string): EntryPeek[] {
  if (!Array.isArray(mfes)) return [];
  const preloaded: EntryPeek[] = [];
  const allowed = new Set(allowedOrigins.map(normalizeOrigin).filter((o): o is string => o !== undefined));
  const wanted = new Set([...document.querySelectorAll(tag)].map((element) => element.getAttribute('name')));
  for (const entry of mfes as EntryPeek[]) {
    if (typeof entry?.entry !== 'string' || !wanted.has(entry.name as string)) continue;
    const base = checkRemoteUrl(entry.entry, allowed);
    if (isUrlRefusal(base)) continue;
    // A preload without integrity would put unchecked code into the module map before the
    // runtime pins the entry's files: every link carries the hash the manifest gives its file.
    const pins = pinsOf(entry.files, base);
    // With a deploy-time plan the runtime imports the planned chunk, not remoteEntry.js.
    const planned = typeof entry.boot?.module === 'string' ? entry.boot.module : undefined;
    if (planned) sameOrigin(planned, base, (href) => link('modulepreload', href, pins.get(href)));
    else link('modulepreload', base.href, typeof entry.integrity === 'string' ? entry.integrity : pins.get(base.href));
    for (const file of strings(entry.preload)) sameOrigin(file, base, (href) => link('modulepreload', href, pins.get(href)));
    for (const file of strings(entry.css)) sameOrigin(file, base, (href) => link('preload', href, pins.get(href), 'style'));
    preloaded.push(entry);
  }
  return preloaded;
}

function pinsOf(files: unknown, base: URL): Map<string, string> {
  const pins = new Map<string, string>();
  if (files && typeof files === 'object') {
    for (const [file, sri] of Object.entries(files)) if (typeof sri === 'string') sameOrigin(file, base, (href) => pins.set(href, sri));
  }
  return pins;
}

function sameOrigin(file: string, base: URL, use: (href: string) => void): void {
  const url = resolveOnOrigin(file, base);
  if (url) use(url.href);
}

function link(rel: string, href: string, integrity?: string, as?: string): void {
  const element = document.createElement('link');
  element.rel = rel;
  if (rel === 'modulepreload' || integrity) element.crossOrigin = 'anonymous';
  if (integrity) element.integrity = integrity;
  if (as) element.as = as;
  element.href = href;
  document.head.append(element);
}
