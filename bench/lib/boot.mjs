import { newColdPage } from './browser.mjs';
import { applyNetwork } from './network.mjs';
import { untilQuiet } from './quiet.mjs';
import { analyzeTimeline } from './timeline.mjs';

export const FIRST_CONTENT_MARK = 'atrium:first-content';
/** embed.js sets it when the first widget on a CMS page has mounted. */
export const FIRST_WIDGET_MARK = 'atrium:embed:first-widget';
const IDLE_LIMIT_MS = 10_000;

/**
 * @typedef {object} BootRun
 * @property {number} firstContent ms from navigation start to the `atrium:first-content` mark
 * @property {number} htmlEnd ms from navigation start to the end of the HTML response
 * @property {number} htmlBytes compressed size of the HTML body
 * @property {ReturnType<typeof analyzeTimeline>} timeline
 * @property {string[]} pageErrors
 * @property {{ waitedMs: number, quiet: boolean }} settled how long the visit waited for a quiet machine, and whether it got one
 */

/**
 * One cold visit: a fresh context, the network profile, navigation, then the page's own mark
 * and Resource Timing once every request that started before first content has ended.
 * @param {{
 *   browser: import('playwright-core').Browser, url: string,
 *   network: import('./network.mjs').NetworkProfile, originLabel: (origin: string) => string,
 *   timeoutMs?: number, mark?: string,
 * }} options `mark`: the User Timing mark that means "content" (default {@link FIRST_CONTENT_MARK})
 * @returns {Promise<BootRun>}
 */
export async function measureBoot({ browser, url, network, originLabel, timeoutMs = 30_000, mark = FIRST_CONTENT_MARK }) {
  const { context, page, cdp, pageErrors, offsite } = await newColdPage(browser);
  try {
    /** @type {Map<string, string>} */
    const contentTypes = new Map();
    /** @type {Set<string>} */
    const pending = new Set();
    /** @type {string[]} what went wrong, for the message when the mark never comes */
    const trouble = [];
    page.on('request', (request) => pending.add(request.url()));
    page.on('requestfinished', (request) => pending.delete(request.url()));
    page.on('requestfailed', (request) => {
      pending.delete(request.url());
      trouble.push(`${request.url()} failed: ${request.failure()?.errorText}`);
    });
    page.on('response', (response) => {
      contentTypes.set(response.url(), response.headers()['content-type'] ?? '');
      if (response.status() >= 400) trouble.push(`${response.url()} answered ${response.status()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') trouble.push(`console.${message.type()}: ${message.text()}`);
    });
    await applyNetwork(cdp, network);
    // The page tells us when the mark is set (a console message from an observer added before
    // its scripts run), instead of being polled: Playwright's waitForFunction injects its ~40 ms
    // utility script into the page while it boots, then polls every 20 ms, on the main thread
    // being measured — a cost added to every scenario, which flattered the ratios and widened
    // the spread (bench/README.md, How it measures).
    await page.addInitScript((name) => {
      new PerformanceObserver((list) => {
        if (list.getEntries().some((entry) => entry.name === name)) console.debug(`atrium-bench:${name}`);
      }).observe({ type: 'mark' });
    }, mark);
    const marked = page.waitForEvent('console', { predicate: (message) => message.text() === `atrium-bench:${mark}`, timeout: timeoutMs });

    // Not while the previous visit's context is still being torn down (bench/lib/quiet.mjs).
    const settled = await untilQuiet();
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    await marked
      .catch(async (error) => {
        const states = await page.evaluate(() => JSON.stringify(window.atrium?.states?.().map((s) => `${s.name}:${s.status}`))).catch(() => '?');
        const detail = [`now at ${page.url()}`, `MFE states ${states ?? '(no window.atrium)'}`, ...pageErrors.map((e) => `page error: ${e}`), ...trouble, ...[...pending].map((u) => `still waiting for ${u}`)];
        throw new Error(`no ${mark} mark at ${url} (${network.name}) within ${timeoutMs} ms:\n  ${detail.join('\n  ')}`, { cause: error });
      });
    // Resource Timing records a request when it ends: let the ones already under way finish.
    const idleBy = Date.now() + IDLE_LIMIT_MS;
    while (pending.size > 0 && Date.now() < idleBy) await new Promise((resolve) => setTimeout(resolve, 25));

    const raw = await page.evaluate((name) => {
      const pick = (/** @type {PerformanceResourceTiming} */ e) => ({
        url: e.name, startTime: e.startTime, responseEnd: e.responseEnd, transferSize: e.transferSize,
        encodedBodySize: e.encodedBodySize, initiatorType: e.initiatorType,
      });
      const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
      return {
        firstContent: performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
        document: { ...pick(nav), startTime: 0 },
        resources: performance.getEntriesByType('resource').map((e) => pick(/** @type {PerformanceResourceTiming} */ (e))),
      };
    }, mark);
    if (offsite.length) throw new Error(`the page tried to leave localhost: ${offsite.join(', ')}`);
    const isScript = (/** @type {{ url: string }} */ r) => /javascript|ecmascript/.test(contentTypes.get(r.url) ?? '') || /\.m?js(?:\?|$)/.test(new URL(r.url).pathname);
    return {
      firstContent: raw.firstContent,
      htmlEnd: raw.document.responseEnd,
      htmlBytes: raw.document.encodedBodySize,
      timeline: analyzeTimeline({ document: raw.document, resources: raw.resources, firstContent: raw.firstContent, isScript, originLabel }),
      pageErrors: [...pageErrors],
      settled,
    };
  } finally {
    await context.close();
  }
}
