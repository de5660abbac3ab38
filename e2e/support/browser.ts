import { launchChrome as launch } from '../../scripts/lib/browser.mjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export { CHROME_ARGS, findChrome } from '../../scripts/lib/browser.mjs';

export function launchChrome(): Promise<Browser> {
  return launch();
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
