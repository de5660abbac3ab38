#!/usr/bin/env node
// `npm run check-mfe -- <url of remoteEntry.js> [--name <container>] [--module ./app] [--json]`:
// loads a deployed MFE into the real host build in headless Chromium and checks the MFE contract.
// Exit codes for CI: 0 every check passed, 1 the contract is violated, 2 it could not be loaded
// (or the command was used wrongly).
import { parseArgs } from 'node:util';
import { checkMfe, LoadProblem } from './lib/check-mfe/run.mjs';

const USAGE = `usage: npm run check-mfe -- <url of remoteEntry.js> [options]
  --name <container>   the federation container name (default: read from mf-manifest.json beside the entry)
  --module <path>      the exposed module with the lifecycles (default: ./app)
  --props <json>       the manifest entry's props, e.g. '{"currency":"EUR"}'
  --cycles <n>         mount/unmount cycles for the growth check (default: 50)
  --timeout <ms>       limit per lifecycle step (default: 10000)
  --json               machine-readable result on stdout
exit codes: 0 all checks passed, 1 contract violated, 2 could not load or usage error`;

const MARK = { pass: '✓', fail: '✗', warn: '!', info: 'i' };

/** @param {Awaited<ReturnType<typeof checkMfe>>} result */
function print(result) {
  console.log(`check-mfe ${result.url}\n  container "${result.name}", module ${result.module}, in the real host (host/dist) on headless Chromium\n`);
  for (const check of result.checks) {
    console.log(`  ${MARK[check.status]} ${check.title}${check.detail && check.status !== 'fail' ? ` — ${check.detail}` : ''}`);
    if (check.status === 'fail' || check.status === 'warn') {
      if (check.detail) console.log(`      ${check.status === 'fail' ? 'why' : 'seen'}: ${check.detail}`);
      if (check.fix) console.log(`      fix: ${check.fix}`);
    }
  }
  const failed = result.checks.filter((c) => c.status === 'fail').length;
  const counted = result.checks.filter((c) => c.status === 'pass' || c.status === 'fail').length;
  console.log(failed ? `\n${failed} of ${counted} checks failed: the MFE breaks the contract (README, "The MFE contract")` : `\nall ${counted} checks passed`);
}

async function main() {
  /** @type {ReturnType<typeof parseArgs>} */
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        name: { type: 'string' }, module: { type: 'string' }, props: { type: 'string' }, cycles: { type: 'string' },
        timeout: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`check-mfe: ${/** @type {Error} */ (error).message}\n${USAGE}`);
    return 2;
  }
  const v = args.values;
  if (v['help']) {
    console.log(USAGE);
    return 0;
  }
  const json = Boolean(v['json']);
  const fail = (/** @type {string} */ message, /** @type {number} */ code) => {
    if (json) console.log(JSON.stringify({ ok: false, exitCode: code, error: message }, null, 2));
    else console.error(`check-mfe: ${message}`);
    return code;
  };
  if (args.positionals.length !== 1) return fail(`give exactly one remoteEntry.js URL\n${USAGE}`, 2);
  /** @type {Record<string, unknown>} */
  let props = {};
  if (v['props'] !== undefined) {
    try {
      props = JSON.parse(String(v['props']));
    } catch {
      return fail('--props must be a JSON object', 2);
    }
  }
  const number = (/** @type {unknown} */ raw, /** @type {number} */ fallback) => (raw === undefined ? fallback : Number(raw));
  const cycles = number(v['cycles'], 50);
  const timeoutMs = number(v['timeout'], 10_000);
  if (!Number.isInteger(cycles) || cycles < 1) return fail('--cycles must be a positive integer', 2);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return fail('--timeout must be a positive number of ms', 2);
  try {
    const result = await checkMfe({
      url: /** @type {string} */ (args.positionals[0]), props, cycles, timeoutMs,
      ...(v['name'] ? { name: String(v['name']) } : {}),
      ...(v['module'] ? { module: String(v['module']) } : {}),
    });
    if (json) console.log(JSON.stringify({ ok: result.exitCode === 0, ...result }, null, 2));
    else print(result);
    return result.exitCode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(error instanceof LoadProblem ? `could not load the MFE: ${message}` : `could not run the check: ${message}`, 2);
  }
}

process.exitCode = await main();
