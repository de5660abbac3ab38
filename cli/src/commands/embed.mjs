// `atrium embed add <origin>`: lets one more CMS site show widgets. It edits the deployment file
// (the `embedders` list), which the stack turns into `embed.allowedEmbedders` in the host config
// and into redirect/post-logout URIs at the local IdP, and prints what the CMS author pastes.
import fs from 'node:fs';
import path from 'node:path';
import { CliError, UsageError } from '../errors.mjs';
import { addEmbedder, embedCsp, embedderRedirectUris, embedSnippet, originProblem, readEmbedders, redirectPathProblem } from '../lib/embedders.mjs';

export const summary = 'let a CMS site show widgets: add its origin to the deployment and print the snippet to paste';

export const usage = 'atrium embed add <origin> [--redirect <path>]... [--deployment <file>] [--host-url <url>]\n'
  + '       atrium embed list [--deployment <file>]';

export const options = {
  redirect: { type: /** @type {const} */ ('string'), multiple: true },
  deployment: { type: /** @type {const} */ ('string') },
  'host-url': { type: /** @type {const} */ ('string') },
};

/** @param {import('../main.mjs').Context} ctx */
export async function run(ctx) {
  const [action, origin, ...extra] = ctx.positionals;
  if (action !== 'add' && action !== 'list') throw new UsageError(`unknown action "${action ?? ''}" — usage: ${usage}`);
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')} — usage: ${usage}`);
  const file = path.resolve(String(ctx.values.deployment ?? ctx.env['ATRIUM_DEPLOYMENT'] ?? 'atrium.dev.json'));
  const deployment = readDeployment(file);
  const hostUrl = hostUrlOf(deployment, ctx.values['host-url']);
  let embedders = validEmbedders(deployment, file);
  if (action === 'list') return { deployment: file, hostUrl, embedders, redirectUris: embedderRedirectUris(embedders) };

  if (!origin) throw new UsageError(`which CMS origin? — usage: ${usage}`);
  const problem = originProblem(origin);
  if (problem) throw new CliError(`not an origin: ${problem}`, { code: 'not-an-origin', details: { origin } });
  const redirectPaths = /** @type {string[] | undefined} */ (ctx.values.redirect) ?? ['/'];
  for (const p of redirectPaths) {
    const pathProblem = redirectPathProblem(p);
    if (pathProblem) throw new CliError(pathProblem, { code: 'bad-redirect', details: { redirect: p } });
  }
  const added = addEmbedder(embedders, origin, redirectPaths);
  embedders = added.embedders;
  if (added.changed) {
    fs.writeFileSync(file, withEmbedders(fs.readFileSync(file, 'utf8'), embedders));
    ctx.progress(`updated ${file}`);
  }
  const embedder = /** @type {import('../lib/embedders.mjs').Embedder} */ (embedders.find((e) => e.origin === new URL(origin).origin));
  const uris = embedderRedirectUris([embedder]);
  return {
    deployment: file,
    changed: added.changed,
    origin: embedder.origin,
    redirectPaths: embedder.redirectPaths,
    hostUrl,
    allowedEmbedders: embedders.map((e) => e.origin),
    // Exactly what to register at a production IdP for this site (the local IdP reads the file).
    idp: { redirectUris: uris, postLogoutRedirectUris: uris, allowedCorsOrigins: [embedder.origin] },
    snippet: embedSnippet(hostUrl),
    wordpress: { deploymentUrl: hostUrl },
    // Only the local deployment's origins are known here; elsewhere the README lists what to allow.
    csp: typeof ctx.values['host-url'] === 'string' ? null : localCsp(deployment, hostUrl),
  };
}

/** @param {any} result */
export function format(result) {
  if (!('origin' in result)) {
    const lines = [`embedders in ${result.deployment} (widgets from ${result.hostUrl}):`];
    for (const e of result.embedders) lines.push(`  ${e.origin}  sign-in returns to ${e.redirectPaths.join(', ')}`);
    if (!result.embedders.length) lines.push('  none — add one with `atrium embed add https://your-cms.example`');
    return lines.join('\n');
  }
  return [
    `${result.origin} ${result.changed ? 'may now show widgets' : 'was already allowed; nothing changed'} (${result.deployment}).`,
    '',
    'Paste on a page of that site (any CMS, static HTML):',
    indent(result.snippet),
    '',
    `WordPress: install the plugin (npm run wordpress:zip → cms/wordpress/atrium.zip), then set Settings › Atrium › Deployment URL = ${result.wordpress.deploymentUrl}`,
    '',
    ...(result.csp
      ? ['The page\'s Content-Security-Policy must allow (for this local deployment):', indent(result.csp)]
      : ['The page\'s Content-Security-Policy must allow the host, the remotes, the APIs and the IdP (README, "What the CMS page\'s Content-Security-Policy must allow").']),
    '',
    'At a production IdP, register on the embedder\'s client (the local IdP reads the deployment file):',
    `  redirect URIs             ${result.idp.redirectUris.join(' ')}`,
    `  post-logout redirect URIs ${result.idp.postLogoutRedirectUris.join(' ')}`,
    `  allowed CORS origins      ${result.idp.allowedCorsOrigins.join(' ')}`,
    'and add the origin to embed.allowedEmbedders of the production host config, then redeploy it.',
  ].join('\n');
}

/** @param {string} text */
const indent = (text) => text.split('\n').map((line) => `  ${line}`).join('\n');

/** @param {string} file */
function readDeployment(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new CliError(`cannot read the deployment file ${file} — run in the repository (atrium.dev.json) or pass --deployment <file>`, { code: 'no-deployment', exitCode: 2, cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CliError(`${file} is not valid JSON: ${cause instanceof Error ? cause.message : cause}`, { code: 'bad-deployment', exitCode: 2, cause });
  }
}

/**
 * The deployment file's text with its `embedders` list replaced (or added last), one line per
 * embedder, the rest of the file as it was: the diff an operator reviews is the change alone.
 * @param {string} text
 * @param {import('../lib/embedders.mjs').Embedder[]} embedders
 */
export function withEmbedders(text, embedders) {
  const line = (/** @type {object} */ e) => `{ ${Object.entries(e).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v).replaceAll('","', '", "')}`).join(', ')} }`;
  const list = `[\n${embedders.map((e) => `    ${line(e)}`).join(',\n')}\n  ]`;
  const key = /"embedders"\s*:\s*\[/.exec(text);
  let next;
  if (key) {
    const end = closingBracket(text, key.index + key[0].length - 1);
    next = end < 0 ? '' : `${text.slice(0, key.index)}"embedders": ${list}${text.slice(end + 1)}`;
  } else {
    // Before "mfes", which create-mfe appends to at the end of the file.
    const mfes = /\n(\s*)"mfes"\s*:/.exec(text);
    next = mfes ? `${text.slice(0, mfes.index)}\n${mfes[1]}"embedders": ${list},${text.slice(mfes.index)}` : text.replace(/\s*\}\s*$/, `,\n  "embedders": ${list}\n}\n`);
  }
  try {
    if (JSON.stringify(JSON.parse(next).embedders) === JSON.stringify(embedders)) return next;
  } catch {
    // An unusual layout: rewrite the whole document below.
  }
  return `${JSON.stringify({ ...JSON.parse(text), embedders }, null, 2)}\n`;
}

/** Index of the `]` closing the `[` at `open`, skipping strings; -1 when there is none. */
function closingBracket(/** @type {string} */ text, /** @type {number} */ open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return c === ']' ? i : -1;
  }
  return -1;
}

/** @param {any} deployment @param {string} file */
function validEmbedders(deployment, file) {
  try {
    return readEmbedders(deployment.embedders);
  } catch (cause) {
    throw new CliError(`${file}: ${cause instanceof Error ? cause.message : cause} — fix the file by hand first`, { code: 'bad-deployment', exitCode: 2, cause });
  }
}

/** @param {any} deployment @param {unknown} override */
function hostUrlOf(deployment, override) {
  if (typeof override === 'string') {
    const problem = originProblem(override);
    if (problem) throw new UsageError(`--host-url: ${problem}`);
    return new URL(override).origin;
  }
  const port = deployment.host?.port;
  if (typeof port !== 'number') throw new CliError('the deployment file has no host.port — pass --host-url https://app.example', { code: 'bad-deployment', exitCode: 2 });
  return `http://localhost:${port}`;
}

/**
 * The CSP of an embedding page for the local deployment the file describes (the ports the stack
 * serves the MFEs, APIs and IdP on).
 * @param {any} deployment @param {string} hostUrl
 */
function localCsp(deployment, hostUrl) {
  const local = (/** @type {unknown} */ port) => `http://localhost:${port}`;
  const remotes = (deployment.mfes ?? []).map((/** @type {{ port: number }} */ m) => local(m.port));
  const servers = deployment.servers ?? {};
  const apis = { customer: { baseUrl: local(servers.customerApi) }, rates: { baseUrl: local(servers.thirdPartyApi) } };
  return embedCsp(hostUrl, remotes, apis, local(servers.idp));
}
