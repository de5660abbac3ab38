// Embedders: the CMS sites allowed to show widgets, as the deployment file lists them
// (`embedders` in atrium.dev.json). `atrium embed` edits the list; scripts/lib/stack.mjs reads it
// to build `embed.allowedEmbedders`, `auth.embedders` and the local IdP's clients. Pure functions, no I/O.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The one page of an embedding site the IdP sends visitors back to (sign-in and sign-out); it
 * runs embed.js, which returns the visitor to the page they started from. The WordPress plugin
 * serves it; any other site publishes a page there (README, "Any other CMS").
 */
export const DEFAULT_CALLBACK_PATH = '/atrium/callback/';

/**
 * @typedef {object} Embedder
 * @property {string} origin exact origin of the CMS site, e.g. `https://blog.northwind.example`
 * @property {string} callbackPath the site's one sign-in callback page, default {@link DEFAULT_CALLBACK_PATH}
 */

/**
 * Why a value cannot be an embedder origin, phrased as the fix; undefined when it can.
 * @param {string} value
 * @returns {string | undefined}
 * @example
 * originProblem('https://blog.example');     // undefined
 * originProblem('https://blog.example/news'); // '"https://blog.example/news" has a path, …'
 */
export function originProblem(value) {
  const example = 'write it as https://host[:port], e.g. https://blog.northwind.example';
  if (value.includes('*')) return `"${value}" contains a wildcard: each CMS site is added by its exact origin — ${example}`;
  let url;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL — ${example}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${value}" is a ${url.protocol} URL, not a web origin — ${example}`;
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return `"${value}" is plain http: sign-in redirects and tokens would travel unencrypted — use https (http is accepted on localhost only)`;
  if (url.username || url.password) return `"${value}" carries credentials — remove the user:password@ part`;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(value)) {
    return `"${value}" has a path, query or fragment: an origin is scheme, host and port only — use "${url.origin}" and pass the page path as --redirect ${url.pathname}`;
  }
  return undefined;
}

/**
 * Why a value cannot be the callback path on the embedder's origin; undefined when it can.
 * @param {string} value
 * @returns {string | undefined}
 * @example
 * redirectPathProblem('/atrium/callback/'); // undefined
 * redirectPathProblem('//evil.example/'); // 'redirect "//evil.example/" is not a path on the CMS origin — …'
 */
export function redirectPathProblem(value) {
  const example = `write it as an absolute path on the CMS site, e.g. --redirect ${DEFAULT_CALLBACK_PATH}`;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return `redirect "${value}" is not a path on the CMS origin — ${example}`;
  if (/[?#\s]/.test(value) || /[\u0000-\u001f]/.test(value)) return `redirect "${value}" has a query, fragment or whitespace — ${example}`;
  if (value.split('/').some((segment) => segment === '..' || segment === '.')) return `redirect "${value}" has a "." or ".." segment — ${example}`;
  if (value === '/') return `redirect "/" is the site's home: the callback must be a page of its own (it shows nothing but a message when a sign-in is refused) — ${example}`;
  return undefined;
}

/**
 * The deployment's embedders, validated: a hand-edited file with a bad entry is refused here,
 * not half-applied at the IdP. A `redirectPaths` list (one callback per page, before every
 * embedder had one callback) is read as the default callback: no page needs registering now.
 * @param {unknown} raw the `embedders` value of the deployment file
 * @returns {Embedder[]}
 * @example
 * readEmbedders([{ origin: 'https://blog.example' }]); // [{ origin: 'https://blog.example', callbackPath: '/atrium/callback/' }]
 */
export function readEmbedders(raw) {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new TypeError(`deployment: "embedders" must be a list of { "origin": "https://…", "callbackPath": "${DEFAULT_CALLBACK_PATH}" }`);
  const seen = new Set();
  return raw.map((entry, i) => {
    const origin = typeof entry?.origin === 'string' ? entry.origin : '';
    const originError = originProblem(origin);
    if (originError) throw new TypeError(`deployment: embedders[${i}].origin: ${originError}`);
    const exact = new URL(origin).origin;
    if (seen.has(exact)) throw new TypeError(`deployment: embedders[${i}]: ${exact} is listed twice — keep one entry per site`);
    seen.add(exact);
    const callbackPath = entry.callbackPath ?? DEFAULT_CALLBACK_PATH;
    const pathError = typeof callbackPath === 'string' ? redirectPathProblem(callbackPath) : 'must be a string';
    if (pathError) throw new TypeError(`deployment: embedders[${i}].callbackPath: ${pathError}`);
    return { origin: exact, callbackPath };
  });
}

/**
 * Adds an embedder, or changes the callback of one already listed (running the command twice
 * changes nothing). Returns a new list and the callback it replaced, if any.
 * @param {Embedder[]} list
 * @param {string} origin a value that passed {@link originProblem}
 * @param {string | undefined} callbackPath a value that passed {@link redirectPathProblem}; undefined keeps the listed one (or the default)
 * @returns {{ embedders: Embedder[], changed: boolean, previousCallback?: string }}
 * @example
 * addEmbedder([], 'https://blog.example', undefined).embedders; // [{ origin: 'https://blog.example', callbackPath: '/atrium/callback/' }]
 */
export function addEmbedder(list, origin, callbackPath) {
  const exact = new URL(origin).origin;
  const existing = list.find((e) => e.origin === exact);
  if (!existing) return { embedders: [...list, { origin: exact, callbackPath: callbackPath ?? DEFAULT_CALLBACK_PATH }], changed: true };
  if (callbackPath === undefined || callbackPath === existing.callbackPath) return { embedders: list, changed: false };
  return {
    embedders: list.map((e) => (e === existing ? { origin: exact, callbackPath } : e)),
    changed: true,
    previousCallback: existing.callbackPath,
  };
}

/**
 * Removes an embedder. Returns undefined when the origin is not listed.
 * @param {Embedder[]} list
 * @param {string} origin a value that passed {@link originProblem}
 * @returns {{ embedders: Embedder[], removed: Embedder } | undefined}
 * @example
 * removeEmbedder([{ origin: 'https://blog.example', callbackPath: '/atrium/callback/' }], 'https://blog.example')?.embedders; // []
 */
export function removeEmbedder(list, origin) {
  const exact = new URL(origin).origin;
  const removed = list.find((e) => e.origin === exact);
  return removed ? { embedders: list.filter((e) => e !== removed), removed } : undefined;
}

/**
 * The one URL an IdP must register for an embedder, as redirect URI and as post-logout redirect URI.
 * @param {Embedder} embedder
 * @returns {string}
 * @example
 * callbackUri({ origin: 'https://blog.example', callbackPath: '/atrium/callback/' }); // 'https://blog.example/atrium/callback/'
 */
export function callbackUri(embedder) {
  return `${embedder.origin}${embedder.callbackPath}`;
}

/**
 * The snippet a CMS author pastes: a preload of the config (so it comes with embed.js, one round
 * trip sooner; embed.js fetches it in the same mode), a widget element and the one script tag.
 * @param {string} hostUrl the deployment's public URL (where embed.js and atrium.config.json are)
 * @param {string} [widget] an MFE name for the example element
 * @example
 * embedSnippet('https://app.example'); // '<link rel="preload" … href="https://app.example/atrium.config.json">\n<atrium-widget name="markets"></atrium-widget>\n<script type="module" src="https://app.example/embed.js" …>'
 */
export function embedSnippet(hostUrl, widget = 'markets') {
  return [
    `<link rel="preload" as="fetch" crossorigin href="${hostUrl}/atrium.config.json">`,
    `<atrium-widget name="${widget}"></atrium-widget>`,
    `<script type="module" src="${hostUrl}/embed.js" data-config="${hostUrl}/atrium.config.json"></script>`,
  ].join('\n');
}

/**
 * The site's callback page for any CMS or static site: no widget, only the script tag, which
 * sends the visitor back to the page they signed in (or out) from. `data-atrium-callback` is
 * where it writes a message when it cannot; no-referrer keeps the code out of Referer headers.
 * @param {string} hostUrl the deployment's public URL
 * @example
 * callbackPage('https://app.example'); // '<!doctype html>…<script type="module" src="https://app.example/embed.js" …'
 */
export function callbackPage(hostUrl) {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>Signing in…</title></head>',
    '<body><p data-atrium-callback>Signing you in…</p>',
    `<script type="module" src="${hostUrl}/embed.js" data-config="${hostUrl}/atrium.config.json"></script>`,
    '</body></html>',
  ].join('\n');
}

/**
 * What a page embedding widgets must allow: code from the host (embed.js) and the remotes, the
 * remotes' stylesheets, and requests to the host (config, manifest), remotes and APIs. No
 * 'unsafe-inline' or 'unsafe-eval'.
 * @param {string} hostUrl
 * @param {string[]} remoteOrigins
 * @param {Record<string, { baseUrl: string }> | undefined} apis
 * @param {string | undefined} [idp] the IdP's URL when widgets may sign in (discovery, token exchange)
 * @example
 * embedCsp('https://app.example', ['https://cdn.example'], undefined); // "default-src 'self'; script-src 'self' https://app.example https://cdn.example; …"
 */
export function embedCsp(hostUrl, remoteOrigins, apis, idp) {
  const remotes = remoteOrigins.join(' ');
  const apiOrigins = Object.values(apis ?? {}).map((api) => new URL(api.baseUrl).origin).join(' ');
  const idpOrigin = idp ? new URL(idp).origin : '';
  return `default-src 'self'; script-src 'self' ${hostUrl} ${remotes}; style-src 'self' ${remotes}; connect-src 'self' ${hostUrl} ${remotes} ${apiOrigins} ${idpOrigin}; img-src 'self' data:`.replace(/ +/g, ' ');
}
