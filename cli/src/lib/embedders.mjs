// Embedders: the CMS sites allowed to show widgets, as the deployment file lists them
// (`embedders` in atrium.dev.json). `atrium embed` edits the list; scripts/lib/stack.mjs reads it
// to build `embed.allowedEmbedders` and the local IdP's redirect URIs. Pure functions, no I/O.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * @typedef {object} Embedder
 * @property {string} origin exact origin of the CMS site, e.g. `https://blog.northwind.example`
 * @property {string[]} redirectPaths paths on that origin the IdP may send a visitor back to
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
 * Why a value cannot be a redirect path on the embedder's origin; undefined when it can.
 * @param {string} value
 * @returns {string | undefined}
 * @example
 * redirectPathProblem('/travel/'); // undefined
 * redirectPathProblem('//evil.example/'); // 'redirect "//evil.example/" is not a path on the CMS origin — …'
 */
export function redirectPathProblem(value) {
  const example = 'write it as an absolute path on the CMS site, e.g. --redirect /blog/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return `redirect "${value}" is not a path on the CMS origin — ${example}`;
  if (/[?#\s]/.test(value) || /[\u0000-\u001f]/.test(value)) return `redirect "${value}" has a query, fragment or whitespace — ${example}`;
  if (value.split('/').some((segment) => segment === '..' || segment === '.')) return `redirect "${value}" has a "." or ".." segment — ${example}`;
  return undefined;
}

/**
 * The deployment's embedders, validated: a hand-edited file with a bad entry is refused here,
 * not half-applied at the IdP.
 * @param {unknown} raw the `embedders` value of the deployment file
 * @returns {Embedder[]}
 * @example
 * readEmbedders([{ origin: 'https://blog.example' }]); // [{ origin: 'https://blog.example', redirectPaths: ['/'] }]
 */
export function readEmbedders(raw) {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new TypeError('deployment: "embedders" must be a list of { "origin": "https://…", "redirectPaths": ["/"] }');
  return raw.map((entry, i) => {
    const origin = typeof entry?.origin === 'string' ? entry.origin : '';
    const originError = originProblem(origin);
    if (originError) throw new TypeError(`deployment: embedders[${i}].origin: ${originError}`);
    const paths = entry.redirectPaths ?? ['/'];
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || redirectPathProblem(p))) {
      throw new TypeError(`deployment: embedders[${i}].redirectPaths must be absolute paths like "/" or "/blog/"`);
    }
    return { origin: new URL(origin).origin, redirectPaths: [...new Set(/** @type {string[]} */ (paths))] };
  });
}

/**
 * Adds an embedder, or adds paths to one already listed (running the command twice changes
 * nothing). Returns a new list.
 * @param {Embedder[]} list
 * @param {string} origin a value that passed {@link originProblem}
 * @param {string[]} redirectPaths
 * @returns {{ embedders: Embedder[], changed: boolean }}
 * @example
 * addEmbedder([], 'https://blog.example', ['/']).embedders; // [{ origin: 'https://blog.example', redirectPaths: ['/'] }]
 */
export function addEmbedder(list, origin, redirectPaths) {
  const exact = new URL(origin).origin;
  const existing = list.find((e) => e.origin === exact);
  if (!existing) return { embedders: [...list, { origin: exact, redirectPaths: [...new Set(redirectPaths)] }], changed: true };
  const merged = [...new Set([...existing.redirectPaths, ...redirectPaths])];
  const changed = merged.length !== existing.redirectPaths.length;
  return { embedders: list.map((e) => (e === existing ? { origin: exact, redirectPaths: merged } : e)), changed };
}

/**
 * The redirect and post-logout URIs an IdP must register for the embedders (exact strings).
 * @param {Embedder[]} embedders
 * @returns {string[]}
 * @example
 * embedderRedirectUris([{ origin: 'https://blog.example', redirectPaths: ['/', '/news/'] }]); // ['https://blog.example/', 'https://blog.example/news/']
 */
export function embedderRedirectUris(embedders) {
  return embedders.flatMap((e) => e.redirectPaths.map((p) => `${e.origin}${p}`));
}

/**
 * The snippet a CMS author pastes: a widget element and the one script tag.
 * @param {string} hostUrl the deployment's public URL (where embed.js and atrium.config.json are)
 * @param {string} [widget] an MFE name for the example element
 * @example
 * embedSnippet('https://app.example'); // '<atrium-widget name="markets"></atrium-widget>\n<script type="module" src="https://app.example/embed.js" …>'
 */
export function embedSnippet(hostUrl, widget = 'markets') {
  return [
    `<atrium-widget name="${widget}"></atrium-widget>`,
    `<script type="module" src="${hostUrl}/embed.js" data-config="${hostUrl}/atrium.config.json"></script>`,
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
