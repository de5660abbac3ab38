import fs from 'node:fs';
import path from 'node:path';
import { loadingFields } from '../../../scripts/lib/deploy.mjs';
import { integrityForDist } from '../../../scripts/lib/integrity.mjs';
import { MFE_PREFIX, changeMfe, publish } from '../../../servers/control-plane/releases/index.mjs';
import { CliError, UsageError } from '../errors.mjs';
import { STORE_HELP, STORE_OPTIONS, assertMfeName, originOf, withStore } from '../lib/control-plane.mjs';

export const summary = 'upload a build under an immutable versioned path, check it, record it (not live yet)';
export const usage = `atrium publish <mfe> <dist-dir> --version <semver> [options]
  --origin-dir D    the static origin's folder (ATRIUM_ORIGIN_DIR, default .atrium/origin); files go to D/<mfe>/<version>/
  --origin-url U    the public URL of that folder (ATRIUM_ORIGIN_URL), e.g. https://cdn.example.com/mfes
  --module M        the exposed module with the lifecycles (default ./app, or the last published version's)
  --route R         "always" or a route prefix like /accounts (repeatable; default: the last published version's)
  --region R        the host region it renders in (default: the last published version's, else main)
  --title T         a display title
  --api NAME        an API (its name in the host config's "apis") the MFE calls as it mounts, so the
                    host fetches the API layer with the MFE's code (repeatable; default: the last
                    published version's; --api none clears it)
  --skip-check      do not run the conformance check (loudly warned; for emergencies only)
  ${STORE_HELP}`;
export const options = {
  ...STORE_OPTIONS,
  version: { type: 'string' },
  'origin-dir': { type: 'string' },
  'origin-url': { type: 'string' },
  module: { type: 'string' },
  route: { type: 'string', multiple: true },
  region: { type: 'string' },
  title: { type: 'string' },
  api: { type: 'string', multiple: true },
  'skip-check': { type: 'boolean' },
};

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** @param {import('../main.mjs').Context} ctx */
export async function run(ctx) {
  const [mfe, distArg, extra] = ctx.positionals;
  assertMfeName(mfe);
  const name = /** @type {string} */ (mfe);
  if (!distArg || extra) throw new UsageError(`give the MFE and its build folder\nusage: ${usage.split('\n')[0]}`);
  const version = /** @type {string | undefined} */ (ctx.values['version']);
  if (!version || !SEMVER.test(version)) throw new UsageError(`--version must be a semantic version like 2.5.0, got "${version ?? ''}"`);
  const dist = path.resolve(distArg);
  if (!fs.existsSync(path.join(dist, 'remoteEntry.js'))) throw new CliError(`${dist} has no remoteEntry.js — build the MFE first (npm run build) and pass its dist folder`, { code: 'not-built', exitCode: 2 });
  const origin = originOf(ctx);
  if (!origin.url || !/^https?:\/\//.test(origin.url)) throw new UsageError(`publish needs the static origin's public URL: --origin-url or ATRIUM_ORIGIN_URL (e.g. https://cdn.example.com/mfes), got "${origin.url ?? ''}"`);

  return withStore(ctx, async (store, by) => {
    const existing = (await store.get(`${MFE_PREFIX}${name}`))?.value;
    if (existing?.versions?.[version]) {
      throw new CliError(`mfe '${name}' version ${version} is already published (${existing.versions[version].publishedAt} by ${existing.versions[version].publishedBy}); versions are immutable — bump the version`, { code: 'version-exists' });
    }
    const last = lastEntry(existing);
    const target = path.join(origin.dir, name, version);
    const entryUrl = `${origin.url}/${name}/${version}/remoteEntry.js`;
    upload(dist, target);
    try {
      const entry = entryFor({ name, version, dist: target, entryUrl, ctx, last });
      const check = ctx.values['skip-check'] ? skipCheck(ctx, name, version) : await conformance(ctx, entryUrl, entry);
      const why = /** @type {string | undefined} */ (ctx.values['reason']);
      const { revision } = await changeMfe(store, name, (r) => publish(r, { version, entry, by, ...(why ? { why } : {}) }));
      return { mfe: name, version, entry: entryUrl, files: Object.keys(/** @type {object} */ (entry['files'])).length, ...(entry['apis'] ? { apis: entry['apis'] } : {}), path: target, check, revision, live: false };
    } catch (error) {
      // Not recorded: take the upload back, so the same version can be published once fixed.
      fs.rmSync(target, { recursive: true, force: true });
      throw error;
    }
  });
}

/** @param {any} record @returns {Record<string, any> | undefined} */
function lastEntry(record) {
  const versions = Object.values(record?.versions ?? {});
  return /** @type {any} */ (versions.at(-1))?.entry;
}

/** Copies the build into its versioned folder; an existing folder is never touched. */
function upload(/** @type {string} */ dist, /** @type {string} */ target) {
  if (fs.existsSync(target)) throw new CliError(`${target} already exists on the static origin; versions are immutable — bump the version`, { code: 'version-exists' });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = `${target}.uploading-${process.pid}`;
  fs.cpSync(dist, staging, { recursive: true, errorOnExist: true, force: false });
  fs.renameSync(staging, target);
}

/**
 * @param {{ name: string, version: string, dist: string, entryUrl: string, ctx: import('../main.mjs').Context, last: Record<string, any> | undefined }} o
 */
function entryFor({ name, version, dist, entryUrl, ctx, last }) {
  const v = ctx.values;
  const module = /** @type {string | undefined} */ (v['module']) ?? last?.['module'] ?? './app';
  const routes = /** @type {string[] | undefined} */ (v['route']);
  const activeWhen = routes ? (routes.length === 1 && routes[0] === 'always' ? 'always' : routes.length === 1 ? routes[0] : routes) : last?.['activeWhen'];
  if (!activeWhen) throw new UsageError(`the first publish of '${name}' needs --route (a prefix like /${name}, or always); later versions inherit it`);
  const { planless, ...loading } = loadingFields(dist, module);
  if (planless) ctx.warn(`${name} ${version}: no boot plan (${planless}) — it loads through the Module Federation runtime, one round trip slower`);
  const files = integrityForDist(dist);
  const title = /** @type {string | undefined} */ (v['title']) ?? last?.['title'];
  const named = /** @type {string[] | undefined} */ (v['api']);
  const apis = named ? named.filter((api) => api !== 'none') : /** @type {string[] | undefined} */ (last?.['apis']);
  return {
    name, entry: entryUrl, module, version, activeWhen,
    region: /** @type {string | undefined} */ (v['region']) ?? last?.['region'] ?? 'main',
    ...(title ? { title } : {}),
    ...(last?.['props'] ? { props: last['props'] } : {}),
    ...(last?.['timeouts'] ? { timeouts: last['timeouts'] } : {}),
    ...(apis?.length ? { apis } : {}),
    ...loading,
    integrity: files['remoteEntry.js'],
    files,
  };
}

/** @param {import('../main.mjs').Context} ctx @param {string} name @param {string} version */
function skipCheck(ctx, name, version) {
  const line = '!'.repeat(78);
  ctx.warn(`${line}\n!! WARNING: --skip-check — ${name} ${version} was NOT checked against the MFE contract.\n!! It may break the shell for every visitor once promoted. Run \`atrium check\` before promoting.\n${line}`);
  return { skipped: true };
}

/**
 * The conformance check on the uploaded files, through the static origin's public URL, in the
 * real host build in headless Chromium.
 * @param {import('../main.mjs').Context} ctx @param {string} url @param {Record<string, any>} entry
 */
async function conformance(ctx, url, entry) {
  ctx.progress(`checking ${url} against the MFE contract (headless Chromium)…`);
  const { checkMfe, LoadProblem } = await import('../../../scripts/lib/check-mfe/run.mjs');
  let result;
  try {
    result = await checkMfe({ url, module: entry['module'], ...(entry['props'] ? { props: entry['props'] } : {}), cycles: 10 });
  } catch (error) {
    if (error instanceof LoadProblem) throw new CliError(`the uploaded version could not be loaded for the check: ${error.message} — is the static origin serving ${url}?`, { code: 'check-load-failed', exitCode: 2 });
    throw error;
  }
  const failed = result.checks.filter((c) => c.status === 'fail');
  if (failed.length) {
    throw new CliError(`the uploaded version breaks the MFE contract, so it was not published:\n${failed.map((c) => `  ✗ ${c.title}: ${c.detail ?? ''}${c.fix ? `\n    fix: ${c.fix}` : ''}`).join('\n')}`, { code: 'check-failed', details: { checks: result.checks } });
  }
  return { passed: result.checks.filter((c) => c.status === 'pass').length };
}

/** @param {any} r */
export function format(r) {
  return `${r.mfe} ${r.version} published (not live): ${r.entry}\n  ${r.files} files pinned with sha384, ${r.check.skipped ? 'conformance check SKIPPED' : `${r.check.passed} conformance checks passed`}, revision ${r.revision}\n  next: atrium promote ${r.mfe} ${r.version} [--percent N]`;
}
