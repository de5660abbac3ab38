import { newColdPage } from './browser.mjs';
import { tolerantVisit } from './boot-suite.mjs';
import { alternate, installNavigator, waitMounted } from './in-page.mjs';
import { NETWORKS } from './network.mjs';

const UNTHROTTLED = /** @type {import('./network.mjs').NetworkProfile} */ (NETWORKS.find((n) => n.name === 'unthrottled'));
const ROUTES = [{ path: '/insights', name: 'insights' }, { path: '/accounts', name: 'accounts' }];

/**
 * Inactive route MFEs with distinct names and routes, all pointing at an existing remote: they
 * cost the shell its manifest handling and registration, never a download.
 * @param {number} count
 * @returns {(urls: Record<string, string>) => unknown[]}
 */
export function extraEntries(count) {
  return (urls) => Array.from({ length: count }, (_, i) => ({
    name: `extra-${i + 1}`, entry: `${urls['insights']}/remoteEntry.js`, module: './app', version: '1.0.0',
    activeWhen: `/extra-${i + 1}`, region: 'main', title: `Extra ${i + 1}`,
  }));
}

/**
 * Boots with each manifest size (interleaved, unthrottled), then times route switches between
 * two MFEs that have both been loaded once.
 * @param {{
 *   browser: import('playwright-core').Browser, runs: number, switches: number,
 *   sizes: { entries: number, hostUrl: string, originLabel: (origin: string) => string }[],
 * }} options
 */
export async function measureScale({ browser, runs, switches, sizes }) {
  /** @type {Map<number, import('./boot.mjs').BootRun[]>} */
  const boots = new Map(sizes.map((s) => [s.entries, []]));
  /** @type {Map<number, string[]>} */
  const failures = new Map(sizes.map((s) => [s.entries, []]));
  const visit = (/** @type {(typeof sizes)[number]} */ size) => tolerantVisit({
    browser, network: UNTHROTTLED, failures: failures.get(size.entries) ?? [],
    scenario: { name: `manifest-${size.entries}`, url: `${size.hostUrl}/accounts`, originLabel: size.originLabel },
  });
  for (const size of sizes) await visit(size);
  for (let run = 0; run < runs; run++) {
    for (const size of sizes) {
      const result = await visit(size);
      if (result) boots.get(size.entries)?.push(result);
    }
  }
  /** @type {Map<number, number[]>} */
  const switchTimes = new Map();
  for (const size of sizes) switchTimes.set(size.entries, await routeSwitches(browser, size.hostUrl, switches));
  return { boots, switchTimes, failures };
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} hostUrl
 * @param {number} count
 */
async function routeSwitches(browser, hostUrl, count) {
  const { context, page } = await newColdPage(browser);
  try {
    await page.goto(`${hostUrl}/accounts`);
    await waitMounted(page, 'accounts');
    await installNavigator(page);
    // Load both once (and let the JIT see the path) before timing.
    await alternate(page, ROUTES, 4);
    return await alternate(page, ROUTES, count);
  } finally {
    await context.close();
  }
}
