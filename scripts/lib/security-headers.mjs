import crypto from 'node:crypto';

// The headers Atrium ships: computed from what the deployment really serves (the host page as
// sent, its config and manifest), so the policy cannot drift from the page. The static server
// sends them; `atrium headers` prints the same as an nginx snippet.

/** Trusted Types policies the host creates; nothing else may turn strings into script. */
export const TRUSTED_TYPES_POLICIES = ['atrium#integrity'];

/**
 * `'sha256-…'` for every inline script the browser would execute in `html` (classic, module and
 * import maps); JSON data blocks (`type="application/json"`) are data, not script, and need none.
 * @param {string} html
 * @returns {string[]}
 * @example inlineScriptHashes('<script>go()</script>') // → ["'sha256-…'"]
 */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = /** @type {string} */ (match[1]);
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase() ?? '';
    if (type && !['module', 'importmap', 'text/javascript', 'application/javascript'].includes(type)) continue;
    hashes.push(`'sha256-${crypto.createHash('sha256').update(/** @type {string} */ (match[2])).digest('base64')}'`);
  }
  return [...new Set(hashes)];
}

/**
 * @typedef {object} HostPolicyInput
 * @property {string} html the host page exactly as served (its inline scripts are hashed)
 * @property {any} config the deploy-time host config (allowedOrigins, apis, auth, overrides, manifestUrl)
 * @property {{ mfes?: any[] }} [manifest] the manifest the page will load (its entries' origins)
 * @property {readonly string[]} [frameAncestors] origins allowed to frame the host; none by default
 * @property {boolean} [trustedTypes] require Trusted Types for script sinks (default true)
 */

/**
 * The host page's Content-Security-Policy: scripts only from the host, the MFE origins and the
 * page's own hashed inline scripts (no `unsafe-eval`, no `unsafe-inline`); requests only to the
 * host, MFEs, APIs and the IdP; no framing but by `frameAncestors`; Trusted Types required.
 * @param {HostPolicyInput} input
 * @returns {string}
 * @example
 * hostCsp({ html, config, manifest }) // → "default-src 'none'; script-src 'self' https://cdn.example … "
 */
export function hostCsp({ html, config, manifest, frameAncestors = [], trustedTypes = true }) {
  const mfes = mfeOrigins(config, manifest);
  const apis = Object.values(config.apis ?? {}).map((api) => originOf(/** @type {any} */ (api)?.baseUrl)).filter(Boolean);
  const idp = originOf(config.auth?.authority);
  const manifestOrigin = originOf(config.manifestUrl);
  // Per-MFE telemetry posts its spans there (OTLP/HTTP), when the deployment turned it on.
  const telemetry = originOf(config.telemetry?.endpoint);
  const list = (/** @type {(string | undefined)[]} */ ...sources) => [...new Set(sources.filter(Boolean))].join(' ');
  const directives = [
    "default-src 'none'",
    `script-src ${list("'self'", ...mfes, ...inlineScriptHashes(html))}`,
    // MFEs inject their own <style> elements (component libraries do); styles cannot run code.
    `style-src ${list("'self'", "'unsafe-inline'", ...mfes)}`,
    `connect-src ${list("'self'", ...mfes, ...apis, idp, manifestOrigin, telemetry)}`,
    `img-src ${list("'self'", 'data:', ...mfes)}`,
    `font-src ${list("'self'", ...mfes)}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? list(...frameAncestors.map(exactOrigin)) : "'none'"}`,
  ];
  if (trustedTypes) directives.push("require-trusted-types-for 'script'", `trusted-types ${TRUSTED_TYPES_POLICIES.join(' ')}`);
  return directives.join('; ');
}

/**
 * Every header the host page is served with.
 * @param {HostPolicyInput} input
 * @returns {Record<string, string>}
 */
export function hostPageHeaders(input) {
  return {
    'Content-Security-Policy': hostCsp(input),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // Sign-in is a full-page redirect (no popup): nothing needs a handle on this window.
    'Cross-Origin-Opener-Policy': 'same-origin',
    // For browsers without CSP frame-ancestors; only expressible when no one may frame the page.
    ...((input.frameAncestors ?? []).length ? {} : { 'X-Frame-Options': 'DENY' }),
  };
}

/**
 * Headers for a static file (MFE code, the host's chunks, embed.js): no sniffing, CORS for the
 * deployment's origins only (the request's Origin echoed when listed), immutable caching for
 * content-hashed files.
 * @param {{ origin?: string | undefined, allowedOrigins: readonly string[], hashed: boolean }} input
 * @returns {Record<string, string>}
 */
export function assetHeaders({ origin, allowedOrigins, hashed }) {
  /** @type {Record<string, string>} */
  const headers = {
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    Vary: 'Origin',
  };
  if (origin && allowedOrigins.includes(origin)) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Timing-Allow-Origin'] = origin;
  }
  return headers;
}

/**
 * The origins MFE code may come from: the config's allow-list, the manifest's entries, and the
 * override allow-list when overrides are on (`http://localhost:*` is valid CSP source syntax).
 * @param {any} config
 * @param {{ mfes?: any[] } | undefined} manifest
 */
export function mfeOrigins(config, manifest) {
  const fromManifest = (manifest?.mfes ?? []).map((entry) => originOf(entry?.entry));
  const overrides = config.overrides?.enabled ? (config.overrides.allowedOrigins ?? []) : [];
  return [...new Set([...(config.allowedOrigins ?? []), ...fromManifest, ...overrides].filter(Boolean))];
}

/** @param {unknown} url @returns {string | undefined} */
function originOf(url) {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** @param {string} origin */
function exactOrigin(origin) {
  const parsed = originOf(origin);
  if (!parsed || parsed === 'null') throw new TypeError(`frameAncestors: "${origin}" is not an origin like "https://cms.example.com"`);
  return parsed;
}

/** Files that must be revalidated (entry points, data); everything else is content-hashed. */
export const REVALIDATE = /(?:^|\/)(?:remoteEntry\.js|mf-manifest\.json|index\.html|embed\.js|[^/]+\.json)$/;

/**
 * The same headers as nginx configuration: `http` holds two `map`s for the `http {}` block (the
 * CORS allow-list, the caching of hashed files), `server` the locations for the `server {}` block
 * that serves the host page and the files. Regenerate on every deploy: the CSP hashes the page's
 * inline scripts.
 * @param {{ page: Record<string, string>, corsOrigins: readonly string[] }} input `page`: {@link hostPageHeaders}
 * @returns {{ http: string, server: string }}
 * @example const { http, server } = nginxConfig({ page: hostPageHeaders({ html, config, manifest }), corsOrigins: ['https://cms.example.com'] });
 */
export function nginxConfig({ page, corsOrigins }) {
  // Header values never hold `$` (nginx would read a variable): CSP sources and hashes cannot.
  const quote = (/** @type {string} */ value) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  const origins = corsOrigins.map((origin) => (origin === 'http://localhost:*'
    ? '    "~^http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]+)?$" $http_origin;'
    : `    ${quote(origin)} $http_origin;`));
  const header = (/** @type {string} */ name, /** @type {string} */ value) => `    add_header ${name} ${value} always;`;
  const http = [
    'map $http_origin $atrium_cors_origin {',
    '    default "";',
    ...origins,
    '}',
    'map $uri $atrium_cache_control {',
    '    default "public, max-age=31536000, immutable";',
    `    "~${REVALIDATE.source}" "no-cache";`,
    '}',
  ].join('\n');
  const server = [
    '# The host page: every navigation answers with it.',
    'location / {',
    '    try_files $uri /index.html;',
    ...Object.entries(page).map(([name, value]) => header(name, quote(value))),
    '    add_header Cache-Control "no-cache" always;',
    '}',
    '# Code, styles and data (the host\'s chunks, embed.js, each MFE\'s folder): CORS for the',
    '# deployment\'s origins only (never *), immutable caching for content-hashed names.',
    'location ~ \\.(?:m?js|css|json)$ {',
    header('X-Content-Type-Options', '"nosniff"'),
    header('Access-Control-Allow-Origin', '$atrium_cors_origin'),
    header('Timing-Allow-Origin', '$atrium_cors_origin'),
    header('Vary', '"Accept-Encoding, Origin"'),
    header('Cache-Control', '$atrium_cache_control'),
    '}',
  ].join('\n');
  return { http, server };
}

/**
 * {@link nginxConfig} as one snippet to paste, each part under a comment saying where it goes.
 * @param {{ page: Record<string, string>, corsOrigins: readonly string[] }} input
 * @returns {string}
 * @example nginxSnippet({ page: hostPageHeaders({ html, config, manifest }), corsOrigins: [] })
 */
export function nginxSnippet(input) {
  const { http, server } = nginxConfig(input);
  return [
    '# Generated by `atrium headers` — regenerate on every deploy (the CSP hashes the page\'s inline scripts).',
    '# In http {}:',
    http,
    '',
    '# In the server {} that serves the host (and, for the second location, each MFE\'s files):',
    server,
    '',
  ].join('\n');
}
