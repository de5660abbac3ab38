// The host's policies seen from the attacker's and the user's side, in Chromium: MFE names are
// data, navigate() follows same-origin paths only, devtools exist only where a deployment allows
// them (and stay usable with 10,000 entries), widgets never read a CMS page's path as MFE state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import { startFixtureServer } from './support/fixture-server.js';
import { signInFromWidget } from './support/widgets.js';
import type { FixtureServer } from './support/fixture-server.js';
import { startStack } from '../scripts/lib/stack.mjs';

type StackHandle = Awaited<ReturnType<typeof startStack>>;
interface AtriumWindow {
  atrium?: { state(name: string): { status: string } | undefined; manifestProblems(): { where?: string; message: string }[] };
  __pwned?: unknown;
}

let browser: Browser;
let fixtures: FixtureServer;
const stacks: StackHandle[] = [];

const probe = (name: string, route: string) => ({ name, entry: `${fixtures.url}/fx_probe/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: route, region: 'main', title: name });
const JS_URL = 'javascript:window.__pwned=1';

async function stackWith(options: Parameters<typeof startStack>[0]): Promise<StackHandle> {
  const stack = await startStack({ ephemeral: true, extraOrigins: [fixtures.url], ...options });
  stacks.push(stack);
  return stack;
}

function warningsOf(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  return warnings;
}

beforeAll(async () => {
  fixtures = await startFixtureServer();
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  for (const stack of stacks) await stack.close();
  await fixtures?.close();
});

describe('the shell', () => {
  let stack: StackHandle;
  beforeAll(async () => {
    stack = await stackWith({
      servers: false,
      // Prototype words as MFE names, beside healthy entries, on a deployment with overrides on.
      extraEntries: () => [probe('fx_probe', '/probe'), probe('constructor', '/ctor'), probe('hasownproperty', '/hop'), probe('__proto__', '/proto')],
    });
  });

  it('routes an MFE named "constructor" like any other, with no false override banner', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/probe`);
    await page.getByText('probe fx_probe mounted 1').waitFor();
    // In-page navigation (single-spa reroutes on pushState) between the prototype-named MFEs.
    await page.evaluate(() => history.pushState(null, '', '/hop'));
    await page.getByText('probe hasownproperty mounted').waitFor();
    await page.evaluate(() => history.pushState(null, '', '/ctor'));
    await page.getByText('probe constructor mounted').waitFor();
    await expect(page.getByText(/Override/).count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as AtriumWindow).atrium?.state('constructor')?.status)).resolves.toBe('MOUNTED');
    // `__proto__` is no MFE name: refused by the manifest, the rest unaffected.
    await expect(page.evaluate(() => (window as AtriumWindow).atrium?.manifestProblems().map((p) => p.where))).resolves.toContain('entry 7 ("__proto__")');
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('refuses navigate() to a javascript: URL or another site, and logs why', async () => {
    const { page, record, context } = await newPage(browser);
    const warnings = warningsOf(page);
    for (const target of [JS_URL, 'https://evil.example/phish']) {
      await page.goto(`${stack.hostUrl}/probe?probe-next=${encodeURIComponent(target)}`);
      await page.getByText('probe fx_probe mounted').waitFor();
      await page.getByRole('button', { name: 'Go next' }).click();
      await expect.poll(() => warnings.some((w) => w.includes('refused: only same-origin paths'))).toBe(true);
      await expect(page.evaluate(() => (window as AtriumWindow).__pwned)).resolves.toBeUndefined();
      expect(new URL(page.url()).pathname).toBe('/probe');
      warnings.length = 0;
    }
    expect(record.requests.some((u) => u.startsWith('https://evil.example'))).toBe(false);
    // The same button with a path of the app navigates: the refusals above are the policy's.
    await page.goto(`${stack.hostUrl}/probe?probe-next=${encodeURIComponent('/ctor')}`);
    await page.getByRole('button', { name: 'Go next' }).click();
    await page.getByText('probe constructor mounted').waitFor();
    await context.close();
  });
});

describe('devtools', () => {
  it('are absent on a production config: no shortcut, no parameter, no overlay code fetched', async () => {
    const production = await stackWith({ servers: false, configPatch: { devtools: undefined, overrides: undefined }, extraEntries: () => [probe('fx_probe', '/probe')] });
    const { page, record, context } = await newPage(browser);
    await context.addInitScript(() => localStorage.setItem('atrium:devtools', '1'));
    await page.goto(`${production.hostUrl}/probe?atrium-devtools`);
    await page.getByText('probe fx_probe mounted').waitFor();
    await page.keyboard.press('Control+Shift+D');
    // Give a lazy chunk every chance to arrive: none is asked for.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    await expect(page.locator('atrium-devtools').count()).resolves.toBe(0);
    expect(record.requests.filter((u) => /\/assets\/overlay-/.test(u))).toEqual([]);
    await context.close();
  });

  it('list 10,000 manifest entries a page at a time, with a filter', async () => {
    const big = await stackWith({
      servers: false,
      extraEntries: () => [
        probe('fx_probe', '/probe'),
        ...Array.from({ length: 10_000 }, (_, i) => ({ name: `bulk-${i}`, entry: `${fixtures.url}/missing/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: `/bulk/${i}`, region: 'main' })),
      ],
    });
    const { page, context } = await newPage(browser);
    await page.goto(`${big.hostUrl}/probe`);
    await page.getByText('probe fx_probe mounted').waitFor();
    await page.keyboard.press('Control+Shift+D');
    const overlay = page.getByRole('region', { name: 'Atrium devtools' });
    await overlay.getByText(/^10005 MFEs · page 1 of 201$/).waitFor();
    await expect(overlay.locator('tr[data-mfe]').count()).resolves.toBe(50);
    await overlay.getByRole('button', { name: 'Next' }).click();
    await overlay.getByText('10005 MFEs · page 2 of 201').waitFor();
    await overlay.getByLabel('filter MFEs by name').fill('bulk-9999');
    await overlay.getByLabel('filter MFEs by name').press('Enter');
    await overlay.getByText('1 MFEs · page 1 of 1').waitFor();
    await expect(overlay.locator('tr[data-mfe]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-mfe')))).resolves.toEqual(['bulk-9999']);
    await context.close();
  });
});

describe('widgets on a nested CMS page', () => {
  it('do not read the page path as MFE state, send leaving links to the portal, and refuse javascript: navigation', async () => {
    const stack = await stackWith({ extraEntries: () => [probe('fx_probe', '/probe')] });
    const { page, record, context } = await newPage(browser);
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const article = document.querySelector('article');
        if (!document.getElementById('my-accounts')) article?.insertAdjacentHTML('beforeend', '<atrium-widget id="my-accounts" name="accounts"></atrium-widget>');
        article?.insertAdjacentHTML('beforeend', '<atrium-widget id="probe" name="fx_probe"></atrium-widget>');
      });
    });
    // Signed in on the nested article itself: a widget session lives in the page's memory only
    // (embedder clients never persist tokens), so it must be made on the page under test.
    const warnings = warningsOf(page);
    await page.goto(`${stack.cmsUrl}/blog/2026/rates/`);
    const accounts = page.locator('#my-accounts');
    await signInFromWidget(page, accounts, accounts.getByText('Welcome back, Alice Martin.'));
    // The open-redirect bait the probe follows, read at click time.
    await page.evaluate((next) => history.replaceState(null, '', `?probe-next=${encodeURIComponent(next)}`), JS_URL);
    // The accounts list, not "no account 'blog'": the page's path is the widget's base, not its state.
    const card = accounts.getByRole('link', { name: /Everyday account/ });
    await card.waitFor();
    await expect(accounts.getByText(/404|no account/i).count()).resolves.toBe(0);
    await expect(page.locator('#probe p.probe').getAttribute('data-base-path')).resolves.toBe('/blog/2026/rates');

    await page.locator('#probe').getByRole('button', { name: 'Go next' }).click();
    await expect.poll(() => warnings.some((w) => w.includes("refused in widget 'fx_probe'"))).toBe(true);
    await expect(page.evaluate(() => (window as AtriumWindow).__pwned)).resolves.toBeUndefined();
    expect(new URL(page.url()).pathname).toBe('/blog/2026/rates/');

    // A link into the account leaves the widget: it opens on the portal, under the MFE's route.
    const href = await card.getAttribute('href');
    expect(href).toMatch(/^\/blog\/2026\/rates\/[^/]+$/);
    await card.click();
    await page.waitForURL((url) => url.origin === new URL(stack.hostUrl).origin);
    expect(new URL(page.url()).pathname).toBe(`/accounts/${href!.split('/').at(-1)}`);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });
});
