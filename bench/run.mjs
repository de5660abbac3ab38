#!/usr/bin/env node
// Boot performance bench: Atrium against the same UI as one plain bundle, cold, unthrottled and
// throttled; memory over 1,000 mount/unmount cycles; a 500-entry manifest; the resolver's
// requests/s. See bench/README.md.
// Usage: node bench/run.mjs [--runs N] [--only boot|memory|scale|resolver] (npm run bench builds first)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBootSuite, summarizeBoot } from './lib/boot-suite.mjs';
import { launchChrome } from './lib/browser.mjs';
import { stopOnVanishedFiles } from './lib/build-guard.mjs';
import { measureMemory } from './lib/memory.mjs';
import { FIRST_WIDGET_MARK } from './lib/boot.mjs';
import { buildMonolith, startMonolith } from './lib/monolith.mjs';
import { buildOutsideMfe } from './lib/outside.mjs';
import { NETWORKS } from './lib/network.mjs';
import { resolveBenchOptions, USAGE } from './lib/options.mjs';
import { bootReport, memoryReport, resolverReport, scaleReport } from './lib/report.mjs';
import { measureResolver } from './lib/resolver.mjs';
import { extraEntries, measureScale } from './lib/scale.mjs';
import { snapshotDeployment } from './lib/snapshot.mjs';
import { ratioInterval, summarize } from './lib/stats.mjs';
import { markdownTable, ratioChart, shellSize, writeReadmeTable } from './lib/summary.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const ROOT = path.dirname(BENCH.replace(/[\\/]$/, ''));
const TARGET_RATIO = { throttled: 1.15, unthrottled: 1.5 };
// The scenario is fixed, whatever else the catalog grows: the shell, its navigation and the two
// route MFEs the bench switches between; the CMS page's widgets are the markets MFE.
const BENCH_MFES = ['navigation', 'accounts', 'insights'];
const CMS_MFES = ['markets'];
/**
 * What a production deployment serves: `npm start`'s local deployment turns on developer
 * overrides and devtools (overrides read localStorage at boot), the bench measures what visitors get.
 */
const PRODUCTION = { configPatch: { overrides: { enabled: false }, devtools: false } };
/** The shell scenarios held to the targets, each against the monolith of the same run. */
const ATRIUM_SCENARIOS = ['atrium', 'atrium+sso', 'atrium, outside-built'];

/**
 * The catalog's entries for the bench's MFEs (ports are ignored: the stack is ephemeral).
 * @param {() => any} readCatalog
 */
function benchMfes(readCatalog) {
  const mfes = readCatalog().mfes.filter((/** @type {{ name: string }} */ m) => BENCH_MFES.includes(m.name) || CMS_MFES.includes(m.name));
  if (mfes.length !== BENCH_MFES.length + CMS_MFES.length) throw new Error(`atrium.dev.json must list the MFEs ${BENCH_MFES.join(', ')}; it has ${readCatalog().mfes.map((/** @type {{ name: string }} */ m) => m.name).join(', ')}`);
  return mfes;
}

/** Everything started here, closed by handle at the end, on failure and on Ctrl-C. */
/** @type {{ close(): Promise<unknown> }[]} */
const handles = [];
let closing = false;
async function closeAll() {
  if (closing) return;
  closing = true;
  for (const handle of handles.reverse()) await handle.close().catch((error) => console.error(`bench: could not close a server or the browser: ${error.message}`));
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => void closeAll().finally(() => process.exit(130)));
}
stopOnVanishedFiles(closeAll);

/**
 * Names an origin for the by-origin byte counts.
 * @param {Record<string, string>} named name → origin URL
 */
function labeller(named) {
  const byOrigin = new Map(Object.entries(named).map(([name, url]) => [new URL(url).origin, name]));
  return (/** @type {string} */ origin) => byOrigin.get(origin) ?? origin;
}

/** @param {string} dist */
function requireBuilt(dist) {
  if (!fs.existsSync(path.join(ROOT, dist))) throw new Error(`${dist} is missing — run \`node scripts/build.mjs\` (or \`npm run bench\`, which builds first)`);
}

/** @param {string} deployment the snapshot's folder */
function describeCheckout(deployment) {
  const git = (/** @type {string[]} */ args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    // Others change the host while the bench runs: say what was actually measured.
    uncommitted: spawnSync('git', ['status', '--porcelain', '--', 'host', 'mfes', 'shared', 'scripts'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean),
    hostAssets: fs.readdirSync(path.join(deployment, 'host/dist/assets')).filter((f) => /\.(?:js|css)$/.test(f)),
  };
}

async function main() {
  /** @type {import('./lib/options.mjs').ResolvedBenchOptions} */
  let options;
  try {
    options = resolveBenchOptions(process.argv.slice(2), path.join(BENCH, 'results/latest.json'));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
    return;
  }
  if (options.help) return console.log(USAGE);
  const dists = ['host/dist', ...[...BENCH_MFES, ...CMS_MFES].map((name) => `mfes/${name}/dist`)];
  for (const dist of dists) requireBuilt(dist);
  // Served from a frozen copy: others may rebuild while the bench runs.
  const deployment = await snapshotDeployment(ROOT, [...BENCH_MFES, ...CMS_MFES]);
  handles.push(deployment);
  const { startStack, readCatalog } = deployment.stack;
  const all = benchMfes(readCatalog);
  const mfes = all.filter((/** @type {{ name: string }} */ m) => BENCH_MFES.includes(m.name));
  const cmsMfes = all.filter((/** @type {{ name: string }} */ m) => CMS_MFES.includes(m.name));
  const started = Date.now();
  const { sections } = options;
  if (sections.has('boot')) buildMonolith();

  const browser = await launchChrome();
  handles.push({ close: () => browser.close() });
  /** @type {Record<string, unknown>} */
  const results = {
    meta: { date: new Date().toISOString(), chromium: browser.version(), node: process.version, cpus: os.cpus().length, loadAverageAtStart: os.loadavg()[0], runs: options.runs, ...describeCheckout(deployment.dir) },
  };
  const progress = (/** @type {string} */ text) => process.stderr.write(`${text}\n`);
  const output = [];

  if (sections.has('boot') || sections.has('memory')) {
    // The targets are for SSO off; the SSO-on deployment is measured alongside for comparison.
    const stack = await startStack({ ephemeral: true, mfes, cms: false, sso: false, ...PRODUCTION });
    handles.push(stack);
    const atriumLabel = labeller({ host: stack.hostUrl, ...stack.urls });
    const ssoStack = sections.has('boot') ? await startStack({ ephemeral: true, mfes, cms: false, ...PRODUCTION }) : undefined;
    if (ssoStack) handles.push(ssoStack);

    if (sections.has('boot')) {
      // The accounts MFE as a team in another repository builds it (kit tarballs, preset, npm).
      const outside = await buildOutsideMfe(ROOT, progress);
      const outsideStack = await startStack({ ephemeral: true, cms: false, sso: false, ...PRODUCTION, mfes: mfes.map((/** @type {any} */ m) => (m.name === 'accounts' ? { ...m, dir: outside.dir } : m)) });
      handles.push(outsideStack);
      // A CMS page (the fixture article) with two markets widgets, SSO configured, anonymous visitor.
      const cmsStack = await startStack({ ephemeral: true, mfes: cmsMfes, ...PRODUCTION });
      handles.push(cmsStack);
      const monolith = await startMonolith();
      handles.push(monolith);
      // The anchor is served with the host page's security headers; the same build without them
      // shows what those headers cost (a row of its own, not held to anything).
      const bareMonolith = await startMonolith({ bare: true });
      handles.push(bareMonolith);
      const scenarios = [
        { name: 'atrium', url: `${stack.hostUrl}/accounts`, originLabel: atriumLabel },
        ...(ssoStack ? [{ name: 'atrium+sso', url: `${ssoStack.hostUrl}/accounts`, originLabel: labeller({ host: ssoStack.hostUrl, ...ssoStack.urls }) }] : []),
        { name: 'atrium, outside-built', url: `${outsideStack.hostUrl}/accounts`, originLabel: labeller({ host: outsideStack.hostUrl, ...outsideStack.urls }) },
        { name: 'monolith', url: `${monolith.url}/accounts`, originLabel: labeller({ monolith: monolith.url }) },
        { name: 'monolith, no security headers', url: `${bareMonolith.url}/accounts`, originLabel: labeller({ monolith: bareMonolith.url }) },
        { name: 'CMS page, 2 widgets', url: `${cmsStack.cmsUrl}/`, mark: FIRST_WIDGET_MARK, originLabel: labeller({ host: cmsStack.hostUrl, cms: cmsStack.cmsUrl, ...cmsStack.urls }) },
      ];
      progress(`boot: ${options.runs} cold runs × ${scenarios.length} scenarios × ${NETWORKS.length} network conditions…`);
      const boot = await runBootSuite({ browser, networks: NETWORKS, runs: options.runs, scenarios });
      const ratios = NETWORKS.flatMap((network) => {
        const summary = (/** @type {string} */ name) => boot.find((b) => b.scenario === name && b.network === network.name);
        const of = (/** @type {string} */ name) => summary(name)?.firstContent.median ?? Number.NaN;
        const visits = (/** @type {string} */ name) => summary(name)?.runs.map((r) => r.firstContent) ?? [];
        return ATRIUM_SCENARIOS.map((scenario) => ({
          scenario, network: network.name, ratio: of(scenario) / of('monolith'),
          // How far the same ratio moves on a rerun (bootstrap of both scenarios' visits).
          ...ratioInterval(visits(scenario), visits('monolith')),
          target: /** @type {Record<string, number>} */ (TARGET_RATIO)[network.name],
        }));
      });
      results['boot'] = { scenarios: boot, ratios };
      output.push(bootReport(boot, ratios));
    }

    if (sections.has('memory')) {
      progress(`memory: ${options.cycles} mount/unmount cycles…`);
      const memory = await measureMemory({ browser, hostUrl: stack.hostUrl, cycles: options.cycles, warmup: options.warmup });
      results['memory'] = memory;
      output.push(memoryReport(memory));
    }
  }

  if (sections.has('scale')) {
    // The bench's 3 MFEs plus inactive extras make 5 and 500 entries.
    const sizes = [];
    for (const entries of [5, 500]) {
      const stack = await startStack({ ephemeral: true, mfes, cms: false, sso: false, ...PRODUCTION, extraEntries: /** @type {any} */ (extraEntries(entries - BENCH_MFES.length)) });
      handles.push(stack);
      if (stack.manifest.mfes.length !== entries) throw new Error(`scale: expected ${entries} manifest entries, got ${stack.manifest.mfes.length}`);
      sizes.push({ entries, hostUrl: stack.hostUrl, originLabel: labeller({ host: stack.hostUrl, ...stack.urls }) });
    }
    progress(`scale: ${options.runs} cold runs × 2 manifest sizes, ${options.switches} route switches each…`);
    const scale = await measureScale({ browser, runs: options.runs, switches: options.switches, sizes });
    const rows = sizes.map((s) => ({
      entries: s.entries,
      boot: summarizeBoot(`manifest-${s.entries}`, 'unthrottled', scale.boots.get(s.entries) ?? [], scale.failures.get(s.entries)),
      switchMs: summarize(scale.switchTimes.get(s.entries) ?? []),
      switchTimes: scale.switchTimes.get(s.entries) ?? [],
    }));
    const [small, large] = rows;
    const diff = {
      firstContentMs: (large?.boot.firstContent.median ?? Number.NaN) - (small?.boot.firstContent.median ?? Number.NaN),
      afterHtmlMs: (large?.boot.afterHtml.median ?? Number.NaN) - (small?.boot.afterHtml.median ?? Number.NaN),
    };
    results['scale'] = { sizes: rows, diff };
    output.push(scaleReport(rows, diff));
  }

  if (sections.has('resolver')) {
    progress('resolver: requests/s of the page with the manifest inlined, against the static page…');
    const resolver = await measureResolver({ root: deployment.dir, stack: deployment.stack, mfes });
    results['resolver'] = resolver;
    output.push(resolverReport(resolver));
  }

  // Other work on the machine shows in the min–max spread; the load says how busy it was.
  /** @type {Record<string, unknown>} */ (results['meta'])['loadAverageAtEnd'] = os.loadavg()[0];
  results['shell'] = shellSize(path.join(deployment.dir, 'host/dist'));
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  const figures = markdownTable(results);
  fs.writeFileSync(path.join(path.dirname(options.out), 'table.md'), `${figures}\n`);
  if (results['boot']) fs.writeFileSync(path.join(path.dirname(options.out), 'ratios.svg'), ratioChart(results));
  if (options.readme) writeReadmeTable(path.join(ROOT, 'README.md'), figures);
  console.log(`\n${output.join('\n\n')}\n`);
  const load = `load average ${/** @type {any} */ (results['meta']).loadAverageAtStart.toFixed(1)} → ${os.loadavg()[0]?.toFixed(1)}`;
  console.log(`chromium ${browser.version()}, ${os.cpus().length} CPUs (${load}), median of ${options.runs} cold runs; ${Math.round((Date.now() - started) / 1000)} s; JSON: ${path.relative(process.cwd(), options.out)}`);
}

try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await closeAll();
}
