// The widget suite on CMS pages deep in a site (/blog/2026/rates/, /blog/2026/cards/), not at its
// root: the widgets must not read the article's path as their own state, and a sign-in from any
// page comes back to that page through the site's one callback page (issue 16).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import { signInFromWidget, widgetHosts } from './support/widgets.js';
import { startStack } from '../scripts/lib/stack.mjs';

const ARTICLE = '/blog/2026/rates/';
const SECOND = '/blog/2026/cards/';
const CALLBACK = '/atrium/callback/';
// What the callback page says when it refuses (host/src/widgets/callback-page.ts).
const NOT_STARTED_HERE = 'This sign-in response is not valid here';
const OFF_SITE = 'Sign-in was stopped: the page it was to return to is not a page of this site, so nothing was signed in.';

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

  it('signs in from a second article registered nowhere and returns to it exactly, through the one callback page', async () => {
    const { page, record, context } = await newPage(browser);
    const visited = mainFrameUrls(page);
    const start = `${stack.cmsUrl}${SECOND}?from=newsletter`;
    await page.goto(start);
    const accounts = page.locator('#my-accounts');
    await signInFromWidget(page, accounts, accounts.getByText('Welcome back, Alice Martin.'));
    await accounts.getByRole('link', { name: /Everyday account/ }).waitFor();

    // The IdP was asked to come back to the callback page, the only URI the site's client has…
    const authorize = record.requests.map((u) => new URL(u)).find((u) => u.origin === stack.servers!.idp.url && u.pathname === '/auth');
    expect(authorize?.searchParams.get('redirect_uri')).toBe(`${stack.cmsUrl}${CALLBACK}`);
    expect(visited.some((u) => u.startsWith(`${stack.cmsUrl}${CALLBACK}?`))).toBe(true);
    // …and the visitor is on the page they started from, query included, no code or state.
    expect(page.url()).toBe(start);
    await expect(page.evaluate(() => Object.keys(sessionStorage))).resolves.toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('signs out from a widget at the IdP and returns to the same article through the same callback page', async () => {
    const { page, record, context } = await newPage(browser);
    // The navigation MFE as a widget on the article: it has the Sign out button.
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        document.querySelector('article')?.insertAdjacentHTML('afterbegin', '<atrium-widget id="nav" name="navigation"></atrium-widget>');
      });
    });
    const visited = mainFrameUrls(page);
    const start = `${stack.cmsUrl}${SECOND}?from=newsletter`;
    await page.goto(start);
    const accounts = page.locator('#my-accounts');
    await signInFromWidget(page, accounts, accounts.getByText('Welcome back, Alice Martin.'));
    await page.locator('#nav').getByText('Signed in as Alice Martin').waitFor();
    await page.locator('#nav').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await accounts.getByText('Sign in to see your accounts').waitFor();

    expect(page.url()).toBe(start);
    const endSession = record.requests.map((u) => new URL(u)).find((u) => u.origin === stack.servers!.idp.url && u.searchParams.has('post_logout_redirect_uri'));
    expect(endSession?.searchParams.get('post_logout_redirect_uri')).toBe(`${stack.cmsUrl}${CALLBACK}`);
    expect(visited.filter((u) => u.startsWith(`${stack.cmsUrl}${CALLBACK}`)).length).toBe(2);
    await expect(page.evaluate(() => Object.keys(sessionStorage))).resolves.toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('refuses a crafted callback link (forged state, a return URL in the query) and offers the site\'s home', async () => {
    const { page, record, context } = await newPage(browser);
    const dialogs = dialogsOf(page);
    const visited = mainFrameUrls(page);
    const bait = new URLSearchParams({ code: 'stolen', state: 'forged', returnTo: 'https://evil.example/', return_url: 'javascript:alert(1)', redirect_uri: 'https://evil.example/' });
    await page.goto(`${stack.cmsUrl}${CALLBACK}?${bait}`);
    const alert = page.getByRole('alert');
    await alert.getByText(NOT_STARTED_HERE, { exact: false }).waitFor();
    // The code left the address bar; nothing was sent anywhere else, nothing ran.
    expect(page.url()).toBe(`${stack.cmsUrl}${CALLBACK}`);
    expect(visited.every((u) => u.startsWith(stack.cmsUrl))).toBe(true);
    expect(record.requests.some((u) => new URL(u).hostname === 'evil.example' || u.startsWith(`${stack.servers!.idp.url}/token`))).toBe(false);
    await alert.getByRole('link', { name: 'Continue to the home page' }).click();
    await page.waitForURL(`${stack.cmsUrl}/`);
    await page.getByRole('heading', { name: 'Planning a trip abroad' }).waitFor();
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it.each(['https://evil.example/phish', 'javascript:alert(document.domain)', '//evil.example/x'])('refuses a tampered stored return URL (%s): nothing signed in, a clear message, the home offered', async (tampered) => {
    const { page, record, context } = await newPage(browser);
    const dialogs = dialogsOf(page);
    const visited = mainFrameUrls(page);
    // An attacker who rewrote the return URL stored with the sign-in (before embed.js reads it).
    await context.addInitScript(({ callback, returnTo }) => {
      if (location.pathname !== callback) return;
      for (const key of Object.keys(sessionStorage).filter((k) => k.startsWith('atrium.oidc.signin.'))) {
        const record = JSON.parse(sessionStorage.getItem(key) ?? '{}');
        sessionStorage.setItem(key, JSON.stringify({ ...record, data: { returnTo } }));
      }
    }, { callback: CALLBACK, returnTo: tampered });
    await page.goto(stack.cmsUrl + ARTICLE);
    const accounts = page.locator('#my-accounts');
    await signInFromWidget(page, accounts, page.getByRole('alert').getByText(OFF_SITE));

    expect(page.url()).toBe(`${stack.cmsUrl}${CALLBACK}`);
    expect(visited.every((u) => u.startsWith(stack.cmsUrl) || u.startsWith(stack.servers!.idp.url))).toBe(true);
    // The code was never exchanged, and nothing of the sign-in is left to finish later.
    expect(record.requests.some((u) => u.startsWith(`${stack.servers!.idp.url}/token`))).toBe(false);
    await expect(page.evaluate(() => Object.keys(sessionStorage))).resolves.toEqual([]);
    await page.getByRole('alert').getByRole('link', { name: 'Continue to the home page' }).click();
    await page.waitForURL(`${stack.cmsUrl}/`);
    expect(dialogs).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });
});

/** Every URL the page's main frame showed, in order. */
function mainFrameUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}

/** Every dialog a script opened (an `alert` from a javascript: URL would land here). */
function dialogsOf(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}
