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
  const list = (/** @type {(string | undefined)[]} */ ...sources) => [...new Set(sources.filter(Boolean))].join(' ');
  const directives = [
    "default-src 'none'",
    `script-src ${list("'self'", ...mfes, ...inlineScriptHashes(html))}`,
    // MFEs inject their own <style> elements (component libraries do); styles cannot run code.
    `style-src ${list("'self'", "'unsafe-inline'", ...mfes)}`,
    `connect-src ${list("'self'", ...mfes, ...apis, idp, manifestOrigin)}`,
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
