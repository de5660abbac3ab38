import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import type { PageRecord } from './support/browser.js';
import { startFixtureServer } from './support/fixture-server.js';
import type { FixtureServer } from './support/fixture-server.js';
import { startStack as startStackJs } from '../scripts/lib/stack.mjs';
import { reservePort } from '../servers/index.mjs';

// Single sign-on against the real IdP (servers/idp, oidc-provider): every test signs in through
// its login page, in Chromium, and reads what the user sees.

type AuthStack = Awaited<ReturnType<typeof startStackJs>>;
type StackOptions = NonNullable<Parameters<typeof startStackJs>[0]>;

let browser: Browser;
let fixtures: FixtureServer;
const stacks: AuthStack[] = [];

/** A stack on free ports with a protected route: /vault (the probe fixture) for alice only. */
async function stackWith(options: StackOptions = {}): Promise<AuthStack & { servers: NonNullable<AuthStack['servers']> }> {
  const stack = await startStackJs({
    ephemeral: true,
    testHooks: true,
    extraOrigins: [fixtures.url],
    extraEntries: () => [
      {
        name: 'fx_probe', entry: `${fixtures.url}/fx_probe/remoteEntry.js`, module: './app', version: '1.0.0',
        activeWhen: '/vault', region: 'main', title: 'Vault', auth: { required: true, claims: { sub: 'alice' } },
      },
    ],
    ...options,
  });
  stacks.push(stack);
  if (!stack.servers) throw new Error('the stack started without servers');
  return stack as AuthStack & { servers: NonNullable<AuthStack['servers']> };
}

beforeAll(async () => {
  fixtures = await startFixtureServer();
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(stacks.map((s) => s.close()));
  await fixtures?.close();
});

/** Fills the IdP's login page and answers its consent page. */
async function loginAtIdp(page: Page, user: string, consent: 'Allow' | 'Deny' = 'Allow'): Promise<void> {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(user);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: consent }).click();
}

/** Records every OAuth token request the page sends, by grant type. */
function tokenRequests(page: Page, idpUrl: string): { grants: string[] } {
  const seen = { grants: [] as string[] };
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().startsWith(`${idpUrl}/token`)) return;
    seen.grants.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '?');
  });
  return seen;
}

async function apiRequests(url: string): Promise<{ method: string; path: string; status: number; authorization: boolean }[]> {
  const response = await fetch(`${url}/__requests`);
  return ((await response.json()) as { requests: { method: string; path: string; status: number; authorization: boolean }[] }).requests;
}

/** Watches the page for the not-found view, which must never flash while a sign-in completes. */
async function watchNotFound(page: Page): Promise<void> {
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.body?.textContent?.includes('Page not found')) (window as unknown as { __sawNotFound: boolean }).__sawNotFound = true;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

async function signInFromAccounts(page: Page, hostUrl: string, user = 'alice'): Promise<void> {
  await page.goto(`${hostUrl}/accounts`);
  await page.getByText('Sign in to see your accounts').waitFor();
  await page.locator('[data-mfe-accounts]').getByRole('button', { name: 'Sign in' }).click();
  await loginAtIdp(page, user);
  await page.getByText(/Welcome back/).waitFor();
}

function clean(record: PageRecord): void {
  expect(record.pageErrors).toEqual([]);
  expect(record.unhandledRejections).toEqual([]);
}

describe('single sign-on', () => {
  it('signs in once through the IdP; every MFE sees the session; tokens stay out of Web Storage', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await watchNotFound(page);
    const tokens = tokenRequests(page, stack.servers.idp.url);

    await signInFromAccounts(page, stack.hostUrl);
    expect(new URL(page.url()).pathname).toBe('/accounts');
    await page.getByText('Welcome back, Alice Martin.').waitFor();
    await page.getByRole('link', { name: /Everyday account/ }).waitFor();
    // The navigation MFE got the same session.
    await page.locator('[data-mfe="navigation"]').getByText('Signed in as Alice Martin').waitFor();
    await page.locator('[data-mfe="navigation"]').getByRole('button', { name: 'Sign out' }).waitFor();

    // Real data from the customer API, which accepts only a token for its own audience.
    await page.getByRole('link', { name: /Everyday account/ }).click();
    await page.getByRole('cell', { name: 'Salary June — Northwind Consulting GmbH' }).waitFor();
    const calls = await apiRequests(stack.servers.customerApi.url);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every((c) => c.authorization && c.status === 200)).toBe(true);

    // One code exchange; the signin state left sessionStorage; nothing in localStorage.
    expect(tokens.grants.filter((g) => g === 'authorization_code')).toHaveLength(1);
    await expect(page.evaluate(() => [Object.keys(sessionStorage), Object.keys(localStorage)])).resolves.toEqual([[], []]);
    await expect(page.evaluate(() => (window as unknown as { __sawNotFound?: boolean }).__sawNotFound ?? false)).resolves.toBe(false);
    clean(record);
    await context.close();
  });

  it('downloads no OIDC code without auth in the config; public MFEs work; protected ones say why', async () => {
    const stack = await stackWith({ sso: false });
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/markets`);
    await page.getByRole('heading', { name: 'Markets' }).waitFor();
    await page.getByText('1 EUR buys').waitFor();
    await expect(page.locator('[data-mfe="navigation"]').getByRole('button').count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByText('Sign-in is not available on this site, so your accounts cannot be shown.').waitFor();
    await page.goto(`${stack.hostUrl}/vault`);
    await page.getByText('Vault needs you to be signed in').waitFor();
    await expect(page.locator('.probe').count()).resolves.toBe(0);
    expect(record.requests.filter((u) => /oidc/i.test(u))).toEqual([]);
    clean(record);
    await context.close();
  });
});

describe('route protection', () => {
  it('sends a signed-out user to sign-in and back to the URL they asked for', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await watchNotFound(page);
    await page.goto(`${stack.hostUrl}/vault?tab=2#top`);
    await loginAtIdp(page, 'alice');
    await page.locator('.probe').waitFor();
    const url = new URL(page.url());
    expect(url.pathname + url.search + url.hash).toBe('/vault?tab=2#top');
    await expect(page.evaluate(() => (window as unknown as { __sawNotFound?: boolean }).__sawNotFound ?? false)).resolves.toBe(false);
    clean(record);
    await context.close();
  });

  it('tells a signed-in user without the required claim that they have no access, without mounting', async () => {
    const stack = await stackWith();
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/vault`);
    await loginAtIdp(page, 'bob');
    await page.getByText("You don't have access to Vault").waitFor();
    await page.getByText('You are signed in as Bob Schneider').waitFor();
    await expect(page.locator('.probe').count()).resolves.toBe(0);
    expect(new URL(page.url()).pathname).toBe('/vault');
    clean(record);
    await context.close();
  });
});
