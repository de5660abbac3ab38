import fs from 'node:fs';
import { chromium } from 'playwright-core';

// Plain-node copy of e2e/support/browser.ts (TypeScript, not importable from node).
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The browser to drive: CHROME_PATH, else a system Chromium or Chrome. Never downloads one. */
export function findChrome() {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`no Chromium or Chrome found (looked at ${CANDIDATES.join(', ')}) — install Debian's chromium (apt-get install chromium) or set CHROME_PATH`);
  return found;
}

export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Only loopback is reachable. The e2e suites do this with context.route(), but routing makes
// Playwright intercept (pause and resume) every request, which would add its own latency to
// every request the bench times. Resolving every other host name to nothing and sending
// everything else (IP literals) to a dead proxy blocks the same requests at no cost.
const LOOPBACK_ONLY = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=localhost;127.0.0.1;[::1]',
];

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChrome() {
  return chromium.launch({ executablePath: findChrome(), args: [...CHROME_ARGS, ...LOOPBACK_ONLY], headless: true });
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
