import { UsageError } from '../errors.mjs';

export const summary = 'check a deployed MFE against the contract, in the real host build on headless Chromium (exit 1: violated, 2: could not load)';
export const usage = `atrium check <url of remoteEntry.js> [options]
  --name <container>   the federation container name (default: read from mf-manifest.json beside the entry)
  --module <path>      the exposed module with the lifecycles (default: ./app)
  --props <json>       the manifest entry's props, e.g. '{"currency":"EUR"}'
  --cycles <n>         mount/unmount cycles for the growth check (default: 50)
  --timeout <ms>       limit per lifecycle step (default: 10000)
  --allow-origin <o>   an origin the MFE may call besides its own, e.g. its API (repeatable)
exit codes: 0 all checks passed, 1 contract violated, 2 could not load or usage error`;
export const options = {
  name: { type: 'string' }, module: { type: 'string' }, props: { type: 'string' }, cycles: { type: 'string' }, timeout: { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
};

const MARK = { pass: '✓', fail: '✗', warn: '!', info: 'i' };

/**
 * @param {import('../main.mjs').Context} ctx
 * @returns {Promise<{ ok: boolean, exitCode: 0 | 1 | 2, url?: string, name?: string, module?: string, checks?: import('../../../scripts/lib/check-mfe/run.mjs').Check[], error?: string }>}
 */
export async function run({ positionals, values, progress }) {
  if (positionals.length !== 1) throw new UsageError(`give exactly one remoteEntry.js URL\nusage: ${usage}`);
  /** @type {Record<string, unknown>} */
  let props = {};
  if (values['props'] !== undefined) {
    try {
      props = JSON.parse(String(values['props']));
    } catch {
      throw new UsageError('--props must be a JSON object, e.g. --props \'{"currency":"EUR"}\'');
    }
  }
  const number = (/** @type {unknown} */ raw, /** @type {number} */ fallback) => (raw === undefined ? fallback : Number(raw));
  const cycles = number(values['cycles'], 50);
  const timeoutMs = number(values['timeout'], 10_000);
  if (!Number.isInteger(cycles) || cycles < 1) throw new UsageError('--cycles must be a positive integer');
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout must be a positive number of ms');
  // Loaded here, not at the top: `atrium --help` lists commands without starting Playwright.
  const { checkMfe, LoadProblem } = await import('../../../scripts/lib/check-mfe/run.mjs');
  progress(`checking ${positionals[0]} in the real host on headless Chromium…`);
  try {
    const result = await checkMfe({
      url: /** @type {string} */ (positionals[0]), props, cycles, timeoutMs,
      ...(values['name'] ? { name: String(values['name']) } : {}),
      ...(values['module'] ? { module: String(values['module']) } : {}),
      ...(values['allow-origin'] ? { allowedOrigins: /** @type {string[]} */ (values['allow-origin']) } : {}),
    });
    return { ok: result.exitCode === 0, ...result };
  } catch (error) {
    // Could not load: nothing is known about the contract (exit 2), but the report keeps its shape.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, exitCode: 2, error: error instanceof LoadProblem ? `could not load the MFE: ${message}` : `could not run the check: ${message}` };
  }
}

/** @param {Awaited<ReturnType<typeof run>>} result */
export const exitCode = (result) => result.exitCode;

/** @param {Awaited<ReturnType<typeof run>>} result */
export function format(result) {
  if (result.error || !result.checks) return `atrium check: ${result.error}`;
  const lines = [`atrium check ${result.url}`, `  container "${result.name}", module ${result.module}, in the real host build on headless Chromium`, ''];
  for (const check of result.checks) {
    lines.push(`  ${MARK[check.status]} ${check.title}${check.detail && check.status !== 'fail' ? ` — ${check.detail}` : ''}`);
    if (check.status === 'fail' || check.status === 'warn') {
      if (check.detail) lines.push(`      ${check.status === 'fail' ? 'why' : 'seen'}: ${check.detail}`);
      if (check.fix) lines.push(`      fix: ${check.fix}`);
    }
  }
  const failed = result.checks.filter((c) => c.status === 'fail').length;
  const counted = result.checks.filter((c) => c.status === 'pass' || c.status === 'fail').length;
  lines.push(failed ? `\n${failed} of ${counted} checks failed: the MFE breaks the contract (README, "The MFE contract")` : `\nall ${counted} checks passed`);
  return lines.join('\n');
}
