import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadingFields } from './deploy.mjs';
import { integrityForDist } from './integrity.mjs';
import { assertPortFree } from './ports.mjs';
import { hostPageHeaders } from './security-headers.mjs';
import { startStaticServer } from './static-server.mjs';
import { callbackUri, embedCsp, readEmbedders } from '../../cli/src/lib/embedders.mjs';
import { startAll as startServers } from '../../servers/index.mjs';
import { deployLocal } from '../../servers/control-plane/releases/index.mjs';
import { startOrigin } from '../../servers/control-plane/origin.mjs';
import { createResolver } from '../../servers/control-plane/resolver/index.mjs';
import { openFileStore, openStore } from '../../servers/control-plane/store/index.mjs';

// The CSP of an embedding page lives with the embedders (the CLI prints it too); re-exported here
// for the suites that serve CMS pages.
export { embedCsp };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** CORS source for any loopback port (see static-server.mjs): local tools beside `npm start`. */
const LOCAL_TOOLS = 'http://localhost:*';

/** @returns {any} */
export function readCatalog(file = path.join(ROOT, 'atrium.dev.json')) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * @typedef {object} MfeSpec
 * @property {string} name
 * @property {string} dir folder whose dist/ is served (relative to the repo)
 * @property {number} port 0 for any free port
 * @property {string} module
 * @property {string | string[]} activeWhen
 * @property {string} region
 * @property {string} [title]
 * @property {Record<string, unknown>} [props]
 * @property {Record<string, number>} [timeouts]
 * @property {string[]} [apis] the APIs it calls as it mounts (manifest `apis`)
 * @property {boolean} [integrity] false: leave `files` out of its manifest entry (default: every JS/CSS file pinned)
 * @property {boolean} [plan] false: no deploy-time plan, the entry loads through the Module Federation runtime (default: a plan when the build allows one)
 */

/**
 * Serves the built host and MFEs, each on its own origin, with the host's deploy-time config
 * inlined into its page. Used by `npm start`, the e2e suites and the bench.
 * @param {{
 *   hostPort?: number, mfes?: MfeSpec[], host?: any, inlineManifest?: boolean,
 *   extraEntries?: (urls: Record<string, string>) => any[], extraOrigins?: string[],
 *   configPatch?: Record<string, unknown>, ephemeral?: boolean,
 *   servers?: boolean, testHooks?: boolean, accessTokenTtl?: number, cms?: boolean,
 *   sso?: boolean, auth?: Record<string, unknown>, deployment?: string,
 *   store?: import('../../servers/control-plane/store/store.mjs').Store,
 *   health?: import('../../servers/control-plane/resolver/health.mjs').HealthOptions,
 *   securityHeaders?: boolean, trustedTypes?: boolean, frameAncestors?: string[],
 * }} [options] `sso: false` leaves `auth` out of the host config (a public-only page); `auth`
 *   adds to or overrides the generated auth section. `store`: the control plane's state (default:
 *   ATRIUM_STORE or .atrium/state.json; a fresh temp file when `ephemeral`). `securityHeaders:
 *   false` serves the host page without CSP and friends (default: the shipped headers, Trusted
 *   Types included unless `trustedTypes: false`); `frameAncestors`: origins allowed to frame the
 *   host (none by default).
 */
export async function startStack(options = {}) {
  const catalog = readCatalog(options.deployment);
  const ephemeral = options.ephemeral ?? false;
  /** @type {MfeSpec[]} */
  const mfes = options.mfes ?? catalog.mfes;
  const hostPort = ephemeral ? 0 : (options.hostPort ?? catalog.host.port);
  const started = [];
  try {
    await assertPortFree(hostPort, 'host');
    /** @type {Record<string, string>} */
    const urls = {};
    // Who may read the MFEs' files and the host's (embed.js, config, manifest): the host page, the
    // CMS page, and — this being a local deployment — tools on other loopback ports (check-mfe's
    // harness, atrium dev's host). Never `*`.
    let hostUrl = '';
    let cmsUrl = '';
    /** @type {string[]} */
    let embedderOrigins = [];
    const corsOrigins = () => [hostUrl, cmsUrl, ...embedderOrigins, LOCAL_TOOLS].filter(Boolean);
    for (const mfe of mfes) {
      const dist = path.resolve(ROOT, mfe.dir, 'dist');
      if (!fs.existsSync(path.join(dist, 'remoteEntry.js'))) throw new Error(`${mfe.dir} is not built — run \`npm run build\` first`);
      const server = await startStaticServer({ dir: dist, port: ephemeral ? 0 : mfe.port, label: `mfe ${mfe.name}`, cors: corsOrigins });
      started.push(server);
      urls[mfe.name] = server.url;
    }
    const entries = mfes.map((mfe) => manifestEntry(mfe, urls[mfe.name] ?? ''));
    entries.push(...(options.extraEntries?.(urls) ?? []));
    // The deploy step: the local builds go into the control plane's store as releases, and the
    // resolver (the same code that runs on its own behind a proxy) renders every page from it.
    const temp = options.store || !ephemeral ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-stack-'));
    const store = options.store ?? (temp ? openFileStore(path.join(temp, 'state.json')) : openStore(process.env['ATRIUM_STORE'], { root: ROOT }));
    started.push({ close: async () => {
      if (!options.store) await store.close();
      if (temp) fs.rmSync(temp, { recursive: true, force: true });
    } });
    await deployLocal(store, entries);
    // `npm start` also runs the static origin `atrium publish` copies into, so a published and
    // promoted version shows on the next page load (suites publish to origins of their own).
    let originUrl = '';
    if (!ephemeral) {
      const origin = await startOrigin({ dir: process.env['ATRIUM_ORIGIN_DIR'] ?? path.join(ROOT, '.atrium/origin'), port: Number(process.env['ATRIUM_ORIGIN_PORT'] ?? 5600) });
      started.push(origin);
      originUrl = origin.url;
    }
    const origins = [...new Set([...Object.values(urls), ...(originUrl ? [originUrl] : []), ...(options.extraOrigins ?? [])])];

    // The CMS page (cms/): a site we do not own, on its own origin, embedding widgets.
    if (options.cms !== false && catalog.cms) {
      const cmsCsp = () => embedCsp(hostUrl, origins, apis, auth?.authority);
      const cmsServer = await startStaticServer({
        dir: path.join(ROOT, catalog.cms.dir), port: ephemeral ? 0 : catalog.cms.port, label: 'CMS page',
        html: (pathname) => renderCmsPage(cmsPageFile(path.join(ROOT, catalog.cms.dir), pathname), hostUrl, cmsCsp()),
        // The same policy as its <meta>, as a header: what a CMS that follows the README sends.
        pageHeaders: () => ({ 'Content-Security-Policy': cmsCsp(), 'Referrer-Policy': 'strict-origin-when-cross-origin' }),
      });
      started.push(cmsServer);
      cmsUrl = cmsServer.url;
    }
    // The CMS sites allowed to show widgets (`atrium embed add`); the fixture page is listed at
    // its catalog port and follows the stack to whatever port it got.
    const fixtureOrigin = `http://localhost:${catalog.cms?.port}`;
    const embedders = readEmbedders(catalog.embedders).map((e) => (cmsUrl && e.origin === fixtureOrigin ? { ...e, origin: cmsUrl } : e));
    embedderOrigins = embedders.map((e) => e.origin);

    /** @type {Record<string, unknown> | undefined} */
    let apis;
    /** @type {Record<string, unknown> | undefined} */
    let auth;
    const html = fs.readFileSync(path.join(ROOT, 'host/dist/index.html'), 'utf8');
    const host = { ...catalog.host, ...options.host };
    const config = () => ({
      title: host.title, home: host.home, regions: host.regions, routeRegion: host.routeRegion,
      allowedOrigins: origins,
      ...(options.inlineManifest === false ? { manifestUrl: `${hostUrl}/manifest.json` } : {}),
      logLevel: 'warn',
      // A local deployment: teams may point it at their dev servers (npm run dev -w mfes/<name>).
      overrides: { enabled: true, allowedOrigins: ['http://localhost:*'] },
      devtools: true,
      ...(apis ? { apis } : {}),
      ...(auth ? { auth } : {}),
      ...(embedders.length ? { embed: { allowedEmbedders: embedders.map((e) => e.origin) } } : {}),
      ...options.configPatch,
    });
    const resolver = await createResolver({
      store, template: html, config, publicUrl: () => hostUrl, inlineManifest: options.inlineManifest !== false,
      ...(options.health ? { health: options.health } : {}),
      ...(options.securityHeaders === false ? {} : {
        pageHeaders: (/** @type {{ html: string, config: any, manifest: any }} */ page) => hostPageHeaders({
          ...page, frameAncestors: options.frameAncestors ?? [], trustedTypes: options.trustedTypes ?? true,
        }),
      }),
    });
    started.push(resolver);
    // CORS: embed.js, its chunks, the config and the manifest are read by pages on other origins.
    const hostServer = await startStaticServer({
      dir: path.join(ROOT, 'host/dist'), port: hostPort, label: 'host', cors: corsOrigins,
      before: (req, res) => resolver.handle(req, res),
    });
    started.push(hostServer);
    hostUrl = hostServer.url;
    const manifest = resolver.manifestFor('stack');

    /** @type {Awaited<ReturnType<typeof startServers>> | undefined} */
    let servers;
    if (options.servers !== false) {
      const ports = ephemeral ? { idp: 0, customerApi: 0, thirdPartyApi: 0 } : catalog.servers;
      servers = await startServers({
        ports,
        // The portal's client knows only the portal; each embedding site signs in with its own
        // client (its one callback page is that client's redirect URI), limited to the widget scopes.
        redirectUris: [`${hostUrl}/auth/callback`],
        postLogoutRedirectUris: [`${hostUrl}/`],
        ...(embedders.length ? { embedders: embedderClients(embedders) } : {}),
        ...(options.testHooks ? { testHooks: true } : {}),
        ...(options.accessTokenTtl ? { accessTokenTtl: options.accessTokenTtl } : {}),
      });
      started.push(servers);
      apis = apisConfig(servers);
      if (options.sso !== false) auth = { ...authConfig(servers, embedders), ...options.auth };
    }
    // The config is complete only now (host URL, APIs, IdP): pages rendered before are dropped.
    resolver.invalidate();
    return {
      hostUrl, urls, manifest, servers, cmsUrl, store, resolver, originUrl,
      async close() {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}

/**
 * The APIs the example MFEs call, as a deployment would declare them in the host config.
 * @param {Awaited<ReturnType<typeof startServers>>} servers
 */
export function apisConfig(servers) {
  return {
    'customer-api': {
      baseUrl: servers.customerApi.url,
      auth: { type: 'oidc', resource: servers.customerApi.audience, scopes: ['accounts:read', 'transfers:write'] },
      // Its tokens are DPoP-bound: each request carries a proof of the session's key.
      dpop: true,
      cache: { ttlMs: 30_000, staleWhileRevalidateMs: 60_000 },
    },
    'fx-rates': {
      baseUrl: servers.thirdPartyApi.url,
      auth: 'none',
      cache: { ttlMs: 60_000, staleWhileRevalidateMs: 300_000 },
    },
  };
}

/** What widgets on an embedding site may get from the APIs: read-only. */
export const WIDGET_SCOPES = ['accounts:read'];

/**
 * The public client of one embedding site at the IdP (never the portal's `atrium-host`).
 * @param {string} origin
 * @example embedderClientId('http://localhost:5500') // 'atrium-widgets-localhost-5500'
 */
export function embedderClientId(origin) {
  const url = new URL(origin);
  return `atrium-widgets-${url.hostname}${url.port ? `-${url.port}` : ''}`.replace(/[^A-Za-z0-9.-]/g, '-');
}

/**
 * The local IdP's clients for the embedders: one each, with the site's one callback page as its
 * only redirect and post-logout URI.
 * @param {import('../../cli/src/lib/embedders.mjs').Embedder[]} embedders
 */
function embedderClients(embedders) {
  return embedders.map((e) => ({ clientId: embedderClientId(e.origin), callbackUri: callbackUri(e), scopes: WIDGET_SCOPES }));
}

/**
 * Single sign-on against the local IdP, as a deployment would declare it in the host config.
 * @param {Awaited<ReturnType<typeof startServers>>} servers
 * @param {import('../../cli/src/lib/embedders.mjs').Embedder[]} [embedders] each gets its own read-only client
 */
export function authConfig(servers, embedders = []) {
  return {
    authority: servers.idp.issuer,
    clientId: 'atrium-host',
    redirectPath: '/auth/callback',
    scopes: ['openid', 'profile', 'email'],
    ...(embedders.length ? { embedders: Object.fromEntries(embedders.map((e) => [e.origin, { clientId: embedderClientId(e.origin), callbackPath: e.callbackPath, scopes: WIDGET_SCOPES }])) } : {}),
  };
}

/**
 * @param {MfeSpec} mfe
 * @param {string} origin
 */
export function manifestEntry(mfe, origin) {
  const dist = path.resolve(ROOT, mfe.dir, 'dist');
  const pkg = JSON.parse(fs.readFileSync(path.resolve(ROOT, mfe.dir, 'package.json'), 'utf8'));
  const { planless: _planless, ...loading } = loadingFields(dist, mfe.module, { plan: mfe.plan !== false });
  return {
    name: mfe.name, entry: `${origin}/remoteEntry.js`, module: mfe.module, version: pkg.version,
    activeWhen: mfe.activeWhen, region: mfe.region,
    ...(mfe.title ? { title: mfe.title } : {}),
    ...(mfe.props ? { props: mfe.props } : {}),
    ...(mfe.timeouts ? { timeouts: mfe.timeouts } : {}),
    ...(mfe.apis ? { apis: mfe.apis } : {}),
    ...loading,
    // Every JS/CSS file pinned: the browser refuses a file whose bytes changed after deploy.
    ...(mfe.integrity === false ? {} : { files: integrityForDist(dist) }),
  };
}

/**
 * The CMS page as its author would publish it: the embed snippet pointing at this host, under the
 * CSP the README documents. The file says `%ATRIUM_HOST%` and `%ATRIUM_CSP%` where they go.
 * @param {string} file
 * @param {string} hostUrl
 * @param {string} csp
 */
export function renderCmsPage(file, hostUrl, csp) {
  return fs.readFileSync(file, 'utf8').replaceAll('%ATRIUM_HOST%', hostUrl).replaceAll('%ATRIUM_CSP%', csp);
}

/**
 * The CMS page for a path: `<dir>/<path>/index.html` when the site has that page (the nested
 * `/blog/2026/rates/` article), else the site's front page.
 * @param {string} dir
 * @param {string} pathname
 */
export function cmsPageFile(dir, pathname) {
  const nested = /^[/\w-]+$/.test(pathname) ? path.join(dir, pathname, 'index.html') : '';
  return nested && fs.existsSync(nested) ? nested : path.join(dir, 'index.html');
}

