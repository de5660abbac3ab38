// `atrium embed add|remove|list`: which CMS sites may show widgets. It edits the deployment file
// (the `embedders` list), which the stack turns into `embed.allowedEmbedders` and `auth.embedders`
// in the host config and into one client per site at the local IdP, and prints what the CMS
// author pastes and what a production IdP must register: one callback URL per site.
import fs from 'node:fs';
import path from 'node:path';
import { CliError, UsageError } from '../errors.mjs';
import { addEmbedder, callbackPage, callbackUri, embedCsp, embedSnippet, originProblem, readEmbedders, redirectPathProblem, removeEmbedder } from '../lib/embedders.mjs';

export const summary = 'let a CMS site show widgets (or stop it): edit the deployment\'s embedders and print the snippet and the IdP callback';

export const usage = 'atrium embed add <origin> [--redirect <callback path>] [--deployment <file>] [--host-url <url>]\n'
  + '       atrium embed remove <origin> [--deployment <file>]\n'
  + '       atrium embed list [--deployment <file>]';

export const options = {
  redirect: { type: /** @type {const} */ ('string'), multiple: true },
  deployment: { type: /** @type {const} */ ('string') },
  'host-url': { type: /** @type {const} */ ('string') },
};

/** @param {import('../main.mjs').Context} ctx */
export async function run(ctx) {
  const [action, origin, ...extra] = ctx.positionals;
  if (action !== 'add' && action !== 'list' && action !== 'remove') throw new UsageError(`unknown action "${action ?? ''}" — usage: ${usage}`);
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')} — usage: ${usage}`);
  const file = path.resolve(String(ctx.values.deployment ?? ctx.env['ATRIUM_DEPLOYMENT'] ?? 'atrium.dev.json'));
  const deployment = readDeployment(file);
  const hostUrl = hostUrlOf(deployment, ctx.values['host-url']);
  const embedders = validEmbedders(deployment, file);
  if (action === 'list') return { deployment: file, hostUrl, embedders: embedders.map((e) => ({ ...e, callbackUri: callbackUri(e) })) };
  if (!origin) throw new UsageError(`which CMS origin? — usage: ${usage}`);
  const problem = originProblem(origin);
  if (problem) throw new CliError(`not an origin: ${problem}`, { code: 'not-an-origin', details: { origin } });
  if (action === 'remove') return remove(ctx, file, embedders, origin);
  return add(ctx, file, deployment, hostUrl, embedders, origin);
}

/**
 * @param {import('../main.mjs').Context} ctx @param {string} file @param {any} deployment @param {string} hostUrl
 * @param {import('../lib/embedders.mjs').Embedder[]} list @param {string} origin
 */
function add(ctx, file, deployment, hostUrl, list, origin) {
  const redirects = /** @type {string[] | undefined} */ (ctx.values.redirect) ?? [];
  if (redirects.length > 1) {
    throw new CliError(`one callback per site: --redirect was given ${redirects.length} times (${redirects.join(', ')}) — every page of the site returns through the one callback, so pass it once (default /atrium/callback/)`, { code: 'bad-redirect', details: { redirect: redirects } });
  }
  const [callbackPath] = redirects;
  const pathProblem = callbackPath === undefined ? undefined : redirectPathProblem(callbackPath);
  if (pathProblem) throw new CliError(pathProblem, { code: 'bad-redirect', details: { redirect: callbackPath } });
  const added = addEmbedder(list, origin, callbackPath);
  if (added.changed) {
    fs.writeFileSync(file, withEmbedders(fs.readFileSync(file, 'utf8'), added.embedders));
    ctx.progress(`updated ${file}`);
  }
  const embedder = /** @type {import('../lib/embedders.mjs').Embedder} */ (added.embedders.find((e) => e.origin === new URL(origin).origin));
  const uri = callbackUri(embedder);
  return {
    deployment: file,
    changed: added.changed,
    origin: embedder.origin,
    callbackPath: embedder.callbackPath,
    ...(added.previousCallback ? { previousCallbackUri: `${embedder.origin}${added.previousCallback}` } : {}),
    hostUrl,
    allowedEmbedders: added.embedders.map((e) => e.origin),
    // Exactly what to register at a production IdP for this site (the local IdP reads the file).
    idp: { redirectUris: [uri], postLogoutRedirectUris: [uri], allowedCorsOrigins: [embedder.origin] },
    snippet: embedSnippet(hostUrl),
    callbackPage: callbackPage(hostUrl),
    wordpress: { deploymentUrl: hostUrl },
    // Only the local deployment's origins are known here; elsewhere the README lists what to allow.
    csp: typeof ctx.values['host-url'] === 'string' ? null : localCsp(deployment, hostUrl),
  };
}

/**
 * @param {import('../main.mjs').Context} ctx @param {string} file
 * @param {import('../lib/embedders.mjs').Embedder[]} list @param {string} origin
 */
function remove(ctx, file, list, origin) {
  const result = removeEmbedder(list, origin);
  if (!result) {
    const known = list.map((e) => e.origin).join(', ') || 'none';
    throw new CliError(`${new URL(origin).origin} is not an embedder of ${file} (listed: ${known}) — nothing removed; \`atrium embed list\` shows them`, { code: 'unknown-embedder', details: { origin: new URL(origin).origin, embedders: list.map((e) => e.origin) } });
  }
  fs.writeFileSync(file, withEmbedders(fs.readFileSync(file, 'utf8'), result.embedders));
  ctx.progress(`updated ${file}`);
  const uri = callbackUri(result.removed);
  return {
    deployment: file,
    removed: result.removed.origin,
    allowedEmbedders: result.embedders.map((e) => e.origin),
    // What to undo at a production IdP (the local IdP drops the site's client on its next start).
    idp: { redirectUris: [uri], postLogoutRedirectUris: [uri], allowedCorsOrigins: [result.removed.origin] },
  };
}

/** @param {any} result */
export function format(result) {
  if ('removed' in result) {
    return [
      `${result.removed} may no longer show widgets (${result.deployment}); restart the stack to drop its client at the local IdP.`,
      'At a production IdP, delete that site\'s widget client (or remove from it):',
      `  redirect URI and post-logout redirect URI ${result.idp.redirectUris[0]}`,
      `  allowed CORS origin                       ${result.idp.allowedCorsOrigins[0]}`,
      'and remove the origin from embed.allowedEmbedders and auth.embedders of the production host config, then redeploy it.',
    ].join('\n');
  }
  if (!('origin' in result)) {
    const lines = [`embedders in ${result.deployment} (widgets from ${result.hostUrl}):`];
    for (const e of result.embedders) lines.push(`  ${e.origin}  callback ${e.callbackUri}`);
    if (!result.embedders.length) lines.push('  none — add one with `atrium embed add https://your-cms.example`');
    return lines.join('\n');
  }
  const uri = result.idp.redirectUris[0];
  return [
    `${result.origin} ${result.changed ? 'may now show widgets' : 'was already allowed; nothing changed'} (${result.deployment}).`,
    ...(result.previousCallbackUri ? [`Its callback moved from ${result.previousCallbackUri} to ${uri}: change it at the IdP too.`] : []),
    '',
    'Paste on a page of that site (any CMS, static HTML):',
    indent(result.snippet),
    '',
    `Sign-in from any page of the site returns through ONE page, ${uri}. WordPress: the plugin serves it`,
    `(npm run wordpress:zip → cms/wordpress/atrium.zip; Settings › Atrium › Deployment URL = ${result.wordpress.deploymentUrl}).`,
    `Any other site: publish this page at ${result.callbackPath} (with the same Content-Security-Policy):`,
    indent(result.callbackPage),
    '',
    ...(result.csp
      ? ['The page\'s Content-Security-Policy must allow (for this local deployment):', indent(result.csp)]
      : ['The page\'s Content-Security-Policy must allow the host, the remotes, the APIs and the IdP (README, "What the CMS page\'s Content-Security-Policy must allow").']),
    '',
    'At a production IdP, register on the site\'s own widget client (the local IdP reads the deployment file):',
    `  redirect URI              ${uri}`,
    `  post-logout redirect URI  ${uri}`,
    `  allowed CORS origin       ${result.idp.allowedCorsOrigins.join(' ')}`,
    'and add the origin to embed.allowedEmbedders and auth.embedders of the production host config, then redeploy it.',
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
