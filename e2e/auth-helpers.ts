import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import { startFixtureServer } from './support/fixture-server.js';
import type { PageRecord } from './support/browser.js';
import type { FixtureServer } from './support/fixture-server.js';
import { readCatalog, startStack as startStackJs } from '../scripts/lib/stack.mjs';

// Helpers shared by the SSO suites (auth.e2e, sessions.e2e): a stack with the real IdP and APIs,
// and the steps a user takes at the IdP.

export type AuthStack = Awaited<ReturnType<typeof startStackJs>> & { servers: NonNullable<Awaited<ReturnType<typeof startStackJs>>['servers']> };
export type StackOptions = NonNullable<Parameters<typeof startStackJs>[0]>;

/**
 * A stack on free ports with a protected route, /vault (the probe fixture), for alice only;
 * `extraEntries` adds more fixture entries. The caller closes it.
 */
export async function startAuthStack(fixtures: FixtureServer, options: StackOptions = {}, extraEntries: (fixturesUrl: string) => unknown[] = () => []): Promise<AuthStack> {
  const stack = await startStackJs({
    ephemeral: true,
    // The example MFEs only: other suites add scaffolded MFEs to the catalog while they run.
    mfes: readCatalog().mfes.filter((m: { name: string }) => ['navigation', 'accounts', 'insights', 'markets'].includes(m.name)),
    testHooks: true,
    extraOrigins: [fixtures.url],
    extraEntries: () => [
      {
        name: 'fx_probe', entry: `${fixtures.url}/fx_probe/remoteEntry.js`, module: './app', version: '1.0.0',
        activeWhen: '/vault', region: 'main', title: 'Vault', auth: { required: true, claims: { sub: 'alice' } },
      },
      ...extraEntries(fixtures.url),
    ],
    ...options,
  });
  if (!stack.servers) {
    await stack.close();
    throw new Error('the stack started without servers');
  }
  return stack as AuthStack;
}

/**
 * One browser, the fixture server and the stacks of a suite, started before and stopped after it.
 * `stackWith` starts a stack (see {@link startAuthStack}) that the suite closes at the end.
 */
export function authSuite(extraEntries?: (fixturesUrl: string) => unknown[]): { browser: () => Browser; fixturesUrl: () => string; stackWith: (options?: StackOptions) => Promise<AuthStack> } {
  let browser: Browser | undefined;
  let fixtures: FixtureServer | undefined;
  const stacks: AuthStack[] = [];
  beforeAll(async () => {
    fixtures = await startFixtureServer();
    browser = await launchChrome();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(stacks.map((s) => s.close()));
    await fixtures?.close();
  });
  return {
    browser: () => {
      if (!browser) throw new Error('the suite has not started');
      return browser;
    },
    fixturesUrl: () => fixtures?.url ?? '',
    async stackWith(options = {}) {
      if (!fixtures) throw new Error('the suite has not started');
      const stack = await startAuthStack(fixtures, options, extraEntries);
      stacks.push(stack);
      return stack;
    },
  };
}

/** Fills the IdP's login page and answers its consent page. */
export async function loginAtIdp(page: Page, user: string, consent: 'Allow' | 'Deny' = 'Allow'): Promise<void> {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(user);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: consent }).click();
}

/** Records every OAuth token request the page sends, by grant type. */
export function tokenRequests(page: Page, idpUrl: string): { grants: string[] } {
  const seen = { grants: [] as string[] };
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().startsWith(`${idpUrl}/token`)) return;
    seen.grants.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '?');
  });
  return seen;
}

export async function signInFromAccounts(page: Page, hostUrl: string, user = 'alice'): Promise<void> {
  await page.goto(`${hostUrl}/accounts`);
  await page.getByText('Sign in to see your accounts').waitFor();
  await page.locator('[data-mfe-accounts]').getByRole('button', { name: 'Sign in' }).click();
  await loginAtIdp(page, user);
  await page.getByText(/Welcome back/).waitFor();
}

export function clean(record: PageRecord): void {
  expect(record.pageErrors).toEqual([]);
  expect(record.unhandledRejections).toEqual([]);
}

/** A second tab of the same browser profile (same origin storage), recorded like the first. */
export async function secondTab(first: Awaited<ReturnType<typeof newPage>>): Promise<{ page: Page; record: PageRecord }> {
  const page = await first.context.newPage();
  const record: PageRecord = { pageErrors: [], unhandledRejections: [], requests: [] };
  page.on('pageerror', (error) => record.pageErrors.push(error.message));
  page.on('request', (request) => record.requests.push(request.url()));
  return { page, record };
}

export type { Browser };
