import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import { startFixtureServer } from './support/fixture-server.js';
import type { FixtureServer } from './support/fixture-server.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

let browser: Browser;
let stack: Stack;
let fixtures: FixtureServer;

// Each failure mode gets its own route, so one page visit shows one failure next to healthy MFEs.
const entry = (name: string, path: string, route: string, extra: Record<string, unknown> = {}) => ({
  name, entry: `${fixtures.url}/${path}/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: route, region: 'main', title: name, ...extra,
});

beforeAll(async () => {
  fixtures = await startFixtureServer();
  stack = await startStack({
    extraOrigins: [fixtures.url],
    configPatch: { timeouts: { load: 2_000, mount: 1_500 } },
    extraEntries: () => [
      entry('fx_missing', 'missing', '/fail/missing', { title: 'Statements' }),
      entry('fx_hang', 'hang', '/fail/hang', { title: 'Loans' }),
      entry('fx_throws_on_evaluate', 'fx_throws_on_evaluate', '/fail/evaluate', { title: 'Investments' }),
      entry('fx_throws_in_mount', 'fx_throws_in_mount', '/fail/mount', { title: 'Mortgages' }),
      entry('fx_hangs_in_mount', 'fx_hangs_in_mount', '/fail/mount-hang', { title: 'Pensions' }),
      entry('fx_needs_spa7', 'fx_needs_spa7', '/fail/version', { title: 'Insurance' }),
      entry('fx_flaky', 'flaky', '/fail/flaky', { title: 'Savings goals' }),
      entry('fx_fails_first_mount', 'fx_fails_first_mount', '/fail/first-mount', { title: 'Budgets' }),
      entry('fx_bad_integrity', 'fx_probe', '/fail/integrity', { title: 'Tax documents', integrity: 'sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
      // Broken entries: the rest of the manifest must still load.
      { name: 'Bad Name!', entry: `${fixtures.url}/fx_probe/remoteEntry.js`, module: './app', version: '1', activeWhen: '/x', region: 'main' },
      { name: 'fx_evil', entry: 'https://evil.example.net/remoteEntry.js', module: './app', version: '1', activeWhen: '/evil', region: 'main' },
    ],
  });
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await fixtures?.close();
});

async function expectShellAlive(page: Page) {
  // The healthy always-on MFE is still there and navigation still works.
  await page.getByRole('link', { name: 'Spending insights' }).click();
  await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
}

const CASES = [
  { route: '/fail/missing', title: 'Statements could not be loaded', detail: /answered 404/ },
  { route: '/fail/hang', title: 'Loans could not be loaded', detail: /no answer within 2000 ms/ },
  { route: '/fail/evaluate', title: 'Investments could not be loaded', detail: /threw while loading: fixture: the module threw/ },
  { route: '/fail/mount', title: 'Mortgages stopped working', detail: /died while mounting: fixture: mount failed on purpose/ },
  { route: '/fail/mount-hang', title: 'Pensions stopped working', detail: /did not finish mounting within 1500 ms/ },
  { route: '/fail/version', title: 'Insurance could not be loaded', detail: /requires single-spa@\^7\.0\.0 but the page provides 6\.0\.3/ },
  { route: '/fail/integrity', title: 'Tax documents could not be loaded', detail: /does not match the manifest's integrity/ },
];

describe('failure isolation', () => {
  for (const { route, title, detail } of CASES) {
    it(`shows a fallback for ${route} and keeps the shell working`, async () => {
      const { page, record, context } = await newPage(browser);
      const reported: string[] = [];
      await page.exposeFunction('__reportError', (message: string) => reported.push(message));
      await page.addInitScript(() => {
        const hook = () => window.atrium?.onError((e) => (window as unknown as { __reportError(m: string): void }).__reportError(e.error.message));
        if (window.atrium) hook();
        else Object.defineProperty(window, 'atrium', { configurable: true, set(value) { Object.defineProperty(window, 'atrium', { value, writable: true }); hook(); } });
      });
      await page.goto(`${stack.hostUrl}${route}`);
      const fallback = page.getByRole('alert').filter({ hasText: title });
      await fallback.waitFor({ timeout: 10_000 });
      await fallback.getByText('Technical details').click();
      await expect(fallback.locator('code').textContent()).resolves.toMatch(detail);
      await fallback.getByRole('button', { name: 'Try again' }).waitFor();
      expect(reported.some((m) => detail.test(m))).toBe(true);
      await expectShellAlive(page);
      await expect(page.getByRole('alert').filter({ hasText: title }).count()).resolves.toBe(0);
      expect(record.unhandledRejections).toEqual([]);
      expect(record.pageErrors).toEqual([]);
      await context.close();
    });
  }

  it('retries a failed load with a fresh request once the remote is back', async () => {
    fixtures.setFlakyUp(false);
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/fail/flaky`);
    const fallback = page.getByRole('alert').filter({ hasText: 'Savings goals could not be loaded' });
    await fallback.waitFor();
    fixtures.setFlakyUp(true);
    await fallback.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.probe').filter({ hasText: 'probe fx_flaky mounted 1' }).waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await expect(page.evaluate(() => window.atrium?.state('fx_flaky')?.status)).resolves.toBe('MOUNTED');
    // The retry asked the server again, under a cache-busting URL.
    expect(record.requests.some((u) => u.includes('/flaky/remoteEntry.js?atrium-retry='))).toBe(true);
    expect(record.unhandledRejections).toEqual([]);
    await context.close();
  });

  it('retries a broken mount by reloading and remounting the MFE', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/fail/first-mount`);
    const fallback = page.getByRole('alert').filter({ hasText: 'Budgets stopped working' });
    await fallback.waitFor();
    await fallback.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('recovered after 1 failed mount').waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await expect(page.evaluate(() => window.atrium?.state('fx_fails_first_mount')?.status)).resolves.toBe('MOUNTED');
    expect(record.unhandledRejections).toEqual([]);
    await context.close();
  });

  it('skips broken manifest entries with a notice, naming the entry and field, and loads the rest', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/accounts`);
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
    await page.getByText(/parts? of this page (?:is|are) unavailable because of a configuration problem/).first().waitFor();
    const problems = await page.evaluate(() => window.atrium?.manifestProblems().map((p) => `${p.where} ${p.field} ${p.message}`) ?? []);
    expect(problems.some((p) => /"Bad Name!".*name/.test(p))).toBe(true);
    expect(problems.some((p) => /fx_evil.*entry.*https:\/\/evil\.example\.net is not on the allow-list/.test(p))).toBe(true);
    await context.close();
  });
});
