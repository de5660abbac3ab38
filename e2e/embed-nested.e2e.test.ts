// The widget suite on a CMS page deep in a site (/blog/2026/rates/), not at its root: the widgets
// must not read the article's path as their own state (issue 16).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import { signInFromWidget, widgetHosts } from './support/widgets.js';
import { startStack } from '../scripts/lib/stack.mjs';

const ARTICLE = '/blog/2026/rates/';

let browser: Browser;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack({ ephemeral: true });
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('widgets on a CMS article at a nested path', () => {
  it('renders the article\'s widgets in shadow roots, from the MFEs', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(stack.cmsUrl + ARTICLE);
    await page.getByRole('heading', { name: 'Rates in 2026' }).waitFor();
    await page.locator('#fx-article').getByRole('heading', { name: '1 GBP buys' }).waitFor();
    await page.locator('#fx-sidebar').getByRole('heading', { name: '1 USD buys' }).waitFor();
    await page.locator('#my-accounts').getByText('Sign in to see your accounts').waitFor();
    const hosts = await widgetHosts(page);
    expect(hosts.map((h) => [h.id, h.shadow])).toEqual([['fx-article', true], ['my-accounts', true], ['fx-sidebar', true]]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('signs in from the article and comes back to it, the accounts widget showing accounts', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(stack.cmsUrl + ARTICLE);
    const accounts = page.locator('#my-accounts');
    await accounts.getByText('Sign in to see your accounts').waitFor();
    await signInFromWidget(page, accounts, accounts.getByText('Welcome back, Alice Martin.'));

    // Back on the same article, address bar clean, accounts listed (not "no account blog").
    expect(new URL(page.url()).pathname).toBe(ARTICLE);
    expect(new URL(page.url()).search).toBe('');
    const everyday = accounts.getByRole('link', { name: /Everyday account/ });
    await everyday.waitFor();
    const text = (await widgetHosts(page)).find((w) => w.id === 'my-accounts')?.text ?? '';
    expect(text).not.toMatch(/no account|404/i);
    // A link that leaves the widget opens the portal (the full app), at the account, never a
    // page of the CMS that does not exist.
    await everyday.click();
    await page.waitForURL((url) => url.origin === new URL(stack.hostUrl).origin);
    expect(new URL(page.url()).pathname).toMatch(/^\/accounts\/[^/]+$/);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });
});
