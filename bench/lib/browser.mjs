import { launchChrome as launch } from '../../scripts/lib/browser.mjs';

export { CHROME_ARGS, findChrome } from '../../scripts/lib/browser.mjs';

/** The bench's browser: only loopback reachable, without per-request interception. */
export function launchChrome() {
  return launch({ loopbackOnly: true });
}

/**
 * A page in a fresh context: its own empty HTTP cache (cold, as for a first visit), not a
 * disabled one, so the page caches what it fetches like a real visit would.
 * @param {import('playwright-core').Browser} browser
 */
export async function newColdPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  /** @type {string[]} */
  const pageErrors = [];
  /** @type {string[]} */
  const offsite = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && !/^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])[:/]/.test(url)) offsite.push(url);
  });
  // The Resource Timing buffer holds 250 entries by default; never lose one.
  await page.addInitScript(() => performance.setResourceTimingBufferSize(10_000));
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, pageErrors, offsite };
}
