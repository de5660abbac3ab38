import fs from 'node:fs';
import { CliError, UsageError } from '../errors.mjs';
import { hostPageHeaders, mfeOrigins, nginxConfig, nginxSnippet } from '../../../scripts/lib/security-headers.mjs';

export const summary = 'print the security headers Atrium ships (CSP from the deployed page, config and manifest; CORS; caching) as an nginx snippet';
export const usage = `atrium headers --page <deployed index.html> [options]
  --page <file>             the host page as deployed (config inlined; its inline scripts are hashed)
  --manifest <file>         the manifest, when the page does not inline it
  --frame-ancestor <origin> an origin allowed to frame the host (repeatable; default: none)
  --cors-origin <origin>    an origin allowed to read the files (repeatable; default: the config's
                            embedders; the host's own origin is same-origin and needs none)
  --no-trusted-types        leave out require-trusted-types-for (not recommended)`;
export const options = {
  page: { type: 'string' },
  manifest: { type: 'string' },
  'frame-ancestor': { type: 'string', multiple: true },
  'cors-origin': { type: 'string', multiple: true },
  'no-trusted-types': { type: 'boolean' },
};

/**
 * @param {import('../main.mjs').Context} ctx
 * @returns {Promise<{ page: Record<string, string>, corsOrigins: string[], mfeOrigins: string[], nginx: string, parts: { http: string, server: string } }>}
 */
export async function run({ values }) {
  if (!values['page']) throw new UsageError(`--page is required\nusage: ${usage}`);
  const html = read(String(values['page']), 'page');
  const config = inlined(html, 'atrium-config');
  if (!config) throw new CliError(`${values['page']} has no inlined config (<script type="application/json" id="atrium-config">) — give the page as the deploy step wrote it`, { code: 'no-config', exitCode: 2 });
  const manifest = values['manifest'] ? parseJson(read(String(values['manifest']), 'manifest'), String(values['manifest'])) : inlined(html, 'atrium-manifest');
  const frameAncestors = /** @type {string[]} */ (values['frame-ancestor'] ?? []);
  let page;
  try {
    page = hostPageHeaders({ html, config, manifest, frameAncestors, trustedTypes: !values['no-trusted-types'] });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const corsOrigins = /** @type {string[]} */ (values['cors-origin'] ?? config.embed?.allowedEmbedders ?? []);
  return { page, corsOrigins, mfeOrigins: mfeOrigins(config, manifest), nginx: nginxSnippet({ page, corsOrigins }), parts: nginxConfig({ page, corsOrigins }) };
}

/** @param {Awaited<ReturnType<typeof run>>} result */
export function format(result) {
  return result.nginx;
}

/** @param {string} file @param {string} what */
function read(file, what) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read the ${what} ${file}: ${/** @type {NodeJS.ErrnoException} */ (error).code ?? error}`, { code: 'unreadable', exitCode: 2 });
  }
}

/** @param {string} text @param {string} where */
function parseJson(text, where) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${where} is not JSON: ${error instanceof Error ? error.message : error}`, { code: 'bad-json', exitCode: 2 });
  }
}

/** The JSON the deploy step inlined under `id`, or undefined. @param {string} html @param {string} id */
function inlined(html, id) {
  // The deploy step may have stamped it (`data-checked`): any attributes after the id.
  const match = new RegExp(`<script type="application/json" id="${id}"[^>]*>([\\s\\S]*?)</script>`).exec(html);
  return match?.[1]?.trim() ? parseJson(/** @type {string} */ (match[1]), `the page's #${id}`) : undefined;
}
