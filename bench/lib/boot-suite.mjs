import { measureBoot } from './boot.mjs';
import { median, summarize } from './stats.mjs';

/** Failed visits tolerated per scenario and condition (reported) before the suite gives up. */
const TOLERATED_FAILURES = 2;

/**
 * @typedef {object} BootScenario
 * @property {string} name
 * @property {string} url
 * @property {(origin: string) => string} originLabel
 * @property {string} [mark] the User Timing mark that means content (default: the shell's first content)
 */

/**
 * Cold boots of every scenario under every network condition. Scenarios alternate run by run,
 * in an order rotated each run, so a slow minute of the machine hits all of them alike and none
 * always follows the same one; one discarded visit per scenario and condition first warms the
 * browser process (not the page's cache: each visit is a new context).
 * @param {{
 *   browser: import('playwright-core').Browser, scenarios: BootScenario[],
 *   networks: import('./network.mjs').NetworkProfile[], runs: number,
 * }} options
 */
export async function runBootSuite({ browser, scenarios, networks, runs }) {
  const results = [];
  for (const network of networks) {
    /** @type {Map<string, import('./boot.mjs').BootRun[]>} */
    const byScenario = new Map(scenarios.map((s) => [s.name, []]));
    /** @type {Map<string, string[]>} */
    const failures = new Map(scenarios.map((s) => [s.name, []]));
    const visit = (/** @type {BootScenario} */ scenario) => tolerantVisit({ browser, network, scenario, failures: failures.get(scenario.name) ?? [] });
    for (const scenario of scenarios) await visit(scenario);
    for (let i = 0; i < runs; i++) {
      // The order rotates each run: no scenario always follows the same one (a context being torn
      // down, a heavy page's leftovers) or always comes first after the discarded warm-ups.
      for (const scenario of rotate(scenarios, i)) {
        const run = await visit(scenario);
        if (run) byScenario.get(scenario.name)?.push(run);
      }
    }
    for (const scenario of scenarios) results.push(summarizeBoot(scenario.name, network.name, byScenario.get(scenario.name) ?? [], failures.get(scenario.name)));
  }
  return results;
}

/**
 * `list` started at position `by` (modulo its length), wrapping around.
 * @template T
 * @param {T[]} list
 * @param {number} by
 * @returns {T[]}
 */
export function rotate(list, by) {
  const at = list.length ? by % list.length : 0;
  return [...list.slice(at), ...list.slice(0, at)];
}

/**
 * One cold visit; a failure is recorded and tolerated up to TOLERATED_FAILURES per list, so one
 * flaky visit does not throw away minutes of runs (the report shows it).
 * @param {{
 *   browser: import('playwright-core').Browser, network: import('./network.mjs').NetworkProfile,
 *   scenario: BootScenario, failures: string[],
 * }} options
 */
export async function tolerantVisit({ browser, network, scenario, failures }) {
  try {
    return await measureBoot({ browser, url: scenario.url, network, originLabel: scenario.originLabel, ...(scenario.mark ? { mark: scenario.mark } : {}) });
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
    if (failures.length > TOLERATED_FAILURES) throw error;
    process.stderr.write(`bench: a ${scenario.name} visit (${network.name}) failed, tolerated (${failures.length}/${TOLERATED_FAILURES}):\n${failures.at(-1)}\n`);
    return undefined;
  }
}

/**
 * @param {string} scenario
 * @param {string} network
 * @param {import('./boot.mjs').BootRun[]} runs
 * @param {string[]} [failures] messages of failed visits
 */
export function summarizeBoot(scenario, network, runs, failures = []) {
  const firstContent = summarize(runs.map((r) => r.firstContent));
  // The run whose time is closest to the median tells the typical story (its critical path).
  const typical = [...runs].sort((a, b) => Math.abs(a.firstContent - firstContent.median) - Math.abs(b.firstContent - firstContent.median))[0];
  const origins = [...new Set(runs.flatMap((r) => Object.keys(r.timeline.jsByOrigin)))];
  return {
    scenario, network, firstContent,
    htmlEnd: summarize(runs.map((r) => r.htmlEnd)),
    afterHtml: summarize(runs.map((r) => r.firstContent - r.htmlEnd)),
    roundTrips: summarize(runs.map((r) => r.timeline.roundTrips)),
    requests: summarize(runs.map((r) => r.timeline.requests)),
    jsBytes: median(runs.map((r) => r.timeline.jsBytes)),
    jsBytesByOrigin: Object.fromEntries(origins.map((o) => [o, median(runs.map((r) => r.timeline.jsByOrigin[o]?.bytes ?? 0))])),
    jsFilesByOrigin: Object.fromEntries(origins.map((o) => [o, median(runs.map((r) => r.timeline.jsByOrigin[o]?.files ?? 0))])),
    htmlBytes: median(runs.map((r) => r.htmlBytes)),
    criticalPath: typical?.timeline.chain ?? [],
    typicalRequests: typical?.timeline.list ?? [],
    pageErrors: [...new Set(runs.flatMap((r) => r.pageErrors))],
    // Visits that started before the machine was quiet (it never was within the limit): a
    // busy machine shows here rather than only in a wider spread.
    notQuiet: runs.filter((r) => !r.settled.quiet).length,
    quietWaitMs: median(runs.map((r) => r.settled.waitedMs)),
    failures,
    runs: runs.map((r) => ({ firstContent: r.firstContent, htmlEnd: r.htmlEnd, roundTrips: r.timeline.roundTrips, requests: r.timeline.requests, jsByOrigin: r.timeline.jsByOrigin })),
  };
}
