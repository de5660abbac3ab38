import fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The browser to drive: CHROME_PATH, else a system Chromium or Chrome. Never downloads one. */
export function findChrome(): string {
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

export function launchChrome(): Promise<Browser> {
  return chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS, headless: true });
}

/** What a page did that a user or an operator would call a bug. */
export interface PageRecord {
  readonly pageErrors: string[];
  readonly unhandledRejections: string[];
  readonly requests: string[];
}

/**
 * A fresh context (cold cache) whose pages may reach only loopback: anything else (web fonts of
 * the IdP's dev pages, say) is aborted so it cannot hang a test.
 */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; record: PageRecord }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
  const page = await context.newPage();
  const record: PageRecord = { pageErrors: [], unhandledRejections: [], requests: [] };
  page.on('pageerror', (error) => record.pageErrors.push(error.message));
  page.on('request', (request) => record.requests.push(request.url()));
  await page.exposeFunction('__recordRejection', (reason: string) => record.unhandledRejections.push(reason));
  await page.addInitScript(() => {
    window.addEventListener('unhandledrejection', (event) => {
      const reason = event.reason instanceof Error ? event.reason.message : String(event.reason);
      (window as unknown as { __recordRejection(r: string): void }).__recordRejection(reason);
    });
  });
  return { context, page, record };
}
