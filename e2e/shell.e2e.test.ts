import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import { startFixtureServer } from './support/fixture-server.js';
import type { FixtureServer } from './support/fixture-server.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

let browser: Browser;
let stack: Stack;
let fixtures: FixtureServer;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  stack = await startStack({
    extraOrigins: [fixtures.url],
    extraEntries: () => [
      { name: 'fx_probe', entry: `${fixtures.url}/fx_probe/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: '/probe', region: 'main', title: 'Probe' },
    ],
  });
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await fixtures?.close();
});

describe('shell', () => {
  it('mounts MFEs from several origins into their regions', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/`);
    // `/` goes to the configured home, /accounts.
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/accounts');
    await expect(page.locator('[data-atrium-region="nav"]').getByRole('link', { name: 'Accounts' }).getAttribute('aria-current')).resolves.toBe('page');
    const origins = new Set(record.requests.filter((u) => /\/assets\/app-[\w-]+\.js$/.test(u)).map((u) => new URL(u).origin));
    expect(origins.size).toBeGreaterThanOrEqual(2);
    expect(origins.has(new URL(stack.hostUrl).origin)).toBe(false);
    // The deploy-time plan: exposed chunks are imported directly; no remoteEntry.js, no federation runtime.
    expect(record.requests.filter((u) => u.endsWith('remoteEntry.js') || /\/assets\/federation-/.test(u))).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    expect(record.unhandledRejections).toEqual([]);
    await context.close();
  });

  it('navigates between MFEs without a reload, mounting and unmounting the right ones', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/accounts`);
    // Accounts are personal: sign in through the real IdP's pages first.
    await page.getByText('Sign in to see your accounts').waitFor();
    await page.locator('[data-mfe="accounts"]').getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('alice');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
    await page.getByText('Welcome back, Alice Martin.').waitFor();
    const requestsBefore = record.requests.length;
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await page.getByRole('link', { name: 'Spending insights' }).click();
    await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Your accounts' }).count()).resolves.toBe(0);
    await expect(page.locator('[data-mfe="accounts"]').count()).resolves.toBe(0);
    await expect(page.evaluate(() => window.atrium?.state('accounts')?.status)).resolves.toBe('NOT_MOUNTED');
    // The React MFE works: changing the month re-renders.
    await page.getByLabel('Month').selectOption('October 2026');
    await page.getByText('You spent', { exact: false }).filter({ hasText: 'October 2026' }).waitFor();

    // A sub-route inside an MFE, then back through history.
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('link', { name: /Everyday account/ }).click();
    // The customer API's seeded data for alice: her June salary on the checking account.
    await page.getByRole('cell', { name: 'Salary June — Northwind Consulting GmbH' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();

    await expect(page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true);
    await expect(page.evaluate(() => window.atrium?.state('insights')?.status)).resolves.toBe('NOT_MOUNTED');
    await expect(page.evaluate(() => window.atrium?.state('navigation')?.status)).resolves.toBe('MOUNTED');
    // No document request since the sign-in landed: every change was client-side (the health
    // beacon to the resolver, /atrium/health, is not a navigation).
    expect(record.requests.slice(requestsBefore).filter((u) => u.startsWith(stack.hostUrl) && !u.includes('.') && !u.includes('/atrium/')).length).toBe(0);
    await context.close();
  });

  it('shows a not-found view for a path no MFE claims, and keeps the navigation', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/no/such/page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Spending insights' }).waitFor();
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await page.getByRole('heading', { name: 'Your accounts' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Page not found' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('gives remotes the host\'s single copy of single-spa and @atrium/shared', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/probe`);
    const probe = page.locator('.probe');
    await probe.waitFor();
    // Only the host's single-spa knows the host's registrations: at the probe's mount, what this
    // URL shows (the rest of the manifest is validated and registered once first content is up).
    const apps = (await probe.getAttribute('data-spa-apps'))?.split(',') ?? [];
    expect(apps).toEqual(expect.arrayContaining(['navigation', 'fx_probe']));
    await page.waitForFunction(() => ['accounts', 'insights'].every((name) => window.atrium?.state(name)));
    const hostInstance = await page.evaluate(() => window.atrium?.sharedInstance);
    expect(await probe.getAttribute('data-shared-instance')).toBe(hostInstance);
    // Neither the remotes' fallback copies of the singletons nor a second federation runtime were downloaded.
    expect(record.requests.filter((u) => u.includes('__prebuild__'))).toEqual([]);
    await context.close();
  });

  it('reads the manifest from its URL when the deploy step did not inline it', async () => {
    const separate = await startStack({ inlineManifest: false });
    const { page, record, context } = await newPage(browser);
    try {
      await page.goto(`${separate.hostUrl}/insights`);
      await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
      expect(record.requests).toContain(`${separate.hostUrl}/manifest.json`);
    } finally {
      await context.close();
      await separate.close();
    }
  });
});
