import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { bootFiles, renderBootGraph } from '../../../scripts/lib/boot-graph.mjs';
import { inlineDeployConfig, loadDeployChecks } from '../../../scripts/lib/deploy.mjs';
import { inlineIntegrityMap } from '../../../scripts/lib/integrity.mjs';
import { readAll } from '../releases/change.mjs';
import { MFE_PREFIX } from '../releases/records.mjs';
import { versionFor } from '../releases/resolve.mjs';
import { createHealth } from './health.mjs';
import { visitorCookie, visitorOf } from './visitor.mjs';

/**
 * @typedef {object} ResolverOptions
 * @property {import('../store/store.mjs').Store} store
 * @property {string} template the built host's index.html
 * @property {() => Record<string, unknown>} config the host's deploy-time config
 * @property {string} [instance] a name for this instance (history, health keys)
 * @property {import('./health.mjs').HealthOptions} [health]
 * @property {boolean} [secureCookie] add Secure to the visitor cookie (behind HTTPS)
 * @property {boolean} [inlineManifest] false: pages carry only the config and the shell fetches
 *   the manifest (default true: one round trip less)
 * @property {() => string} [publicUrl] the URL visitors reach this host at (for the manifest URL
 *   in /atrium.config.json); default: from the request's Host header
 * @property {(page: { html: string, config: Record<string, unknown>, manifest: { mfes: unknown[] } }) => Record<string, string>} [pageHeaders]
 *   the security headers for a rendered page (CSP and the rest: scripts/lib/security-headers.mjs)
 * @property {import('../../../scripts/lib/deploy.mjs').DeployChecks | null} [checks] the deploy
 *   step's shape checks, which stamp what passes (default: the host build's, loaded when the
 *   resolver is created; null: stamp nothing)
 */

const HTML_PATH = (/** @type {string} */ p) => !/\.[A-Za-z0-9]+$/.test(p) || p.endsWith('/index.html');
const MAX_CACHED_PAGES = 64;

/**
 * The resolver: answers navigations with the host's page and the visitor's resolved manifest
 * inlined (the deploy step, per request), `/atrium/manifest.json` for widget pages and
 * re-resolves, and `/atrium/health` beacons. Stateless apart from a snapshot of the store it
 * keeps current by watching, so any number of instances run side by side.
 *
 * @example
 * ```js
 * const resolver = await createResolver({ store, template, config: () => hostConfig });
 * http.createServer((req, res) => resolver.handle(req, res) || serveStatic(req, res));
 * ```
 * @param {ResolverOptions} options
 */
export async function createResolver(options) {
  const instance = options.instance ?? crypto.randomBytes(4).toString('hex');
  // The checks of the host build beside this resolver, read now (after any build that ran first).
  const checks = options.checks === null ? undefined : options.checks ?? (await loadDeployChecks());
  let snapshot = await readAll(options.store);
  /** @type {Map<string, Page>} */
  let pages = new Map();
  /** @type {Map<string, { version: number, revision: number, mfes: Record<string, unknown>[] }>} */
  let manifests = new Map();
  /** @type {((s: typeof snapshot) => void)[]} */
  const listeners = [];

  let refreshing = false;
  let again = false;
  const refresh = async () => {
    if (refreshing) return void (again = true);
    refreshing = true;
    try {
      do {
        again = false;
        const next = await readAll(options.store).catch(() => undefined);
        // Keep serving the last state we know while the store is unreachable.
        if (next && next.revision >= snapshot.revision) {
          snapshot = next;
          pages = new Map();
          manifests = new Map();
          for (const listener of listeners) listener(snapshot);
        }
      } while (again);
    } finally {
      refreshing = false;
    }
  };
  const watch = options.store.watch(MFE_PREFIX, () => void refresh());
  const health = createHealth({ store: options.store, instance, snapshot: () => snapshot, ...options.health });

  /** The version of each MFE a visitor gets, as a cache key for their page. */
  function pick(/** @type {string} */ visitor) {
    const picked = snapshot.mfes.map(({ record }) => versionFor(record, visitor));
    return { picked, key: `${snapshot.revision}|${picked.join(',')}` };
  }

  /**
   * The manifest for one combination of versions, built once per snapshot (pages are rendered
   * per path now, so every navigation asks for it).
   * @param {{ picked: (string | null)[], key: string }} choice
   */
  function manifestOf({ picked, key }) {
    let manifest = manifests.get(key);
    if (!manifest) {
      /** @type {Record<string, unknown>[]} */
      const mfes = [];
      snapshot.mfes.forEach(({ record }, i) => {
        const version = picked[i];
        const entry = version ? record.versions[version]?.entry : undefined;
        if (entry) mfes.push(entry);
      });
      manifest = { version: 1, revision: snapshot.revision, mfes };
      if (manifests.size >= MAX_CACHED_PAGES) manifests = new Map();
      manifests.set(key, manifest);
    }
    return manifest;
  }

  /** @param {string} visitor */
  const manifestFor = (visitor) => manifestOf(pick(visitor));

  /**
   * The page for a visitor at a path; one render per (revision, versions, what the path loads
   * first) combination — a handful per release, however many paths a site has.
   */
  function pageFor(/** @type {string} */ visitor, /** @type {string} */ pathname) {
    const versions = pick(visitor);
    const config = options.config();
    const manifest = manifestOf(versions);
    const boot = bootFiles(config, manifest, pathname);
    const key = `${versions.key}|${boot.graph.join(' ')}|${boot.preload.map((file) => file.href).join(' ')}`;
    let page = pages.get(key);
    if (!page) {
      // The integrity import map pins every file of the visitor's versions (even when the shell
      // fetches the manifest itself): the browser checks each before it runs, the boot graph's
      // imports included.
      const inlined = inlineDeployConfig(options.template, { config, manifest: options.inlineManifest === false ? undefined : manifest, bootPreload: false, checks });
      const html = inlineIntegrityMap(renderBootGraph(inlined, boot), manifest);
      page = { html, headers: options.pageHeaders?.({ html, config, manifest }) ?? {} };
      if (pages.size >= MAX_CACHED_PAGES) pages = new Map();
      pages.set(key, page);
    }
    return page;
  }

  /**
   * Answers what the resolver owns and returns true; false leaves the request to the caller
   * (static files). Never throws.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  function handle(req, res) {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname === '/atrium/health' && req.method === 'POST') {
      readBeacon(req).then((body) => health.record(body)).catch(() => 0).then(() => {
        res.writeHead(204, { 'Cache-Control': 'no-store' });
        res.end();
      });
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (pathname === '/atrium/manifest.json' || pathname === '/manifest.json') {
      const visitor = visitorOf(req);
      const body = JSON.stringify(manifestFor(visitor.id));
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store', Vary: 'Cookie',
        ...(visitor.isNew ? { 'Set-Cookie': visitorCookie(visitor.id, options.secureCookie) } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    if (pathname === '/atrium.config.json') {
      const base = options.publicUrl?.() ?? `http://${req.headers.host ?? 'localhost'}`;
      // The visitor's manifest inlined, as in the host page: embed.js needs no second request.
      const visitor = visitorOf(req);
      const body = JSON.stringify({ ...options.config(), manifestUrl: new URL('/atrium/manifest.json', base).href, manifest: manifestFor(visitor.id) });
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-cache', Vary: 'Cookie' });
      res.end(body);
      return true;
    }
    if (!HTML_PATH(pathname)) return false;
    const visitor = visitorOf(req);
    sendPage(req, res, pageFor(visitor.id, pathname), visitor.isNew ? visitorCookie(visitor.id, options.secureCookie) : undefined);
    return true;
  }

  return {
    instance,
    handle,
    /** The store revision this instance serves. */
    get revision() { return snapshot.revision; },
    /** Drops rendered pages (after the config changed). */
    invalidate() { pages = new Map(); },
    /** Reads the store again now (instead of waiting for the watch). */
    refresh,
    /** Calls back after each new snapshot. */
    onChange(/** @type {(s: typeof snapshot) => void} */ listener) { listeners.push(listener); },
    /** The manifest a visitor gets now (tests, the stack's `manifest`). */
    manifestFor,
    health,
    async close() {
      watch.close();
      await health.close();
    },
  };
}

/** @typedef {{ html: string, headers: Record<string, string>, br?: Buffer, gzip?: Buffer }} Page */

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Page} page
 * @param {string | undefined} cookie
 */
function sendPage(req, res, page, cookie) {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  const encoding = accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : undefined;
  // The page depends on the visitor (canary bucket): shared caches must not keep it.
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Cookie, Accept-Encoding');
  if (cookie) res.setHeader('Set-Cookie', cookie);
  for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
  if (!encoding) return void res.end(req.method === 'HEAD' ? undefined : page.html);
  // Compressed once per rendered page, as a CDN would, not on every navigation.
  const body = encoding === 'br'
    ? (page.br ??= zlib.brotliCompressSync(page.html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }))
    : (page.gzip ??= zlib.gzipSync(page.html, { level: 9 }));
  res.setHeader('Content-Encoding', encoding);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A beacon body: sendBeacon posts text/plain, so any type is read, at most 16 KB. */
async function readBeacon(/** @type {import('node:http').IncomingMessage} */ req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error('beacon too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
