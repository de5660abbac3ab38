// Boot fetches nothing the page does not use (issue: boot at the physical limit). What a visitor's
// browser requests, in Chromium against the real stack: the deploy-time plan imports each MFE's
// one chunk directly (no remoteEntry.js, no Module Federation runtime); no API layer before an MFE
// calls an API; no OIDC code or IdP request for an anonymous visitor, on the portal and on a CMS
// page; no SSO code at all without SSO, and with SSO none before first content on a public route;
// an entry without a plan still loads, through the runtime. Timing is the bench's job.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import type { PageRecord } from './support/browser.js';
import { readCatalog, ROOT, startStack } from '../scripts/lib/stack.mjs';

let browser: Browser;
let stack: Awaited<ReturnType<typeof startStack>>;

const catalog = readCatalog();
const PRODUCTION = { overrides: { enabled: false }, devtools: false };

beforeAll(async () => {
  browser = await launchChrome();
  // SSO configured, production config; markets without a plan (the runtime path, side by side).
  const mfes = catalog.mfes.map((m: { name: string }) => (m.name === 'markets' ? { ...m, plan: false } : m));
  stack = await startStack({ ephemeral: true, mfes, configPatch: PRODUCTION });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const planned = (name: string) => (stack.manifest.mfes.find((m: Record<string, unknown>) => m['name'] === name)?.['boot'] as { module: string } | undefined)?.module;
const hostAssets = (record: PageRecord, prefix: string) => record.requests.filter((u) => u.startsWith(`${stack.hostUrl}/assets/${prefix}`));
const idp = (record: PageRecord) => record.requests.filter((u) => u.startsWith(stack.servers?.idp.url ?? 'no IdP'));

/** Lets late requests (idle work after first content) happen before counting. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => (window.atrium?.states().length ?? 0) > 2);
  await page.waitForTimeout(1_000);
}

describe('boot fetches what the page uses, nothing more', () => {
  it('an anonymous visitor at /accounts: one planned chunk per MFE, no runtime, no API layer, no OIDC, no IdP', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/accounts`);
    await page.getByText('Sign in to see your accounts').waitFor();
    await settle(page);
    for (const name of ['navigation', 'accounts']) {
      const fromMfe = record.requests.filter((u) => u.startsWith(`${stack.urls[name]}/`) && u.endsWith('.js'));
      expect(fromMfe, name).toEqual([`${stack.urls[name]}/${planned(name)}`]);
    }
    expect(record.requests.filter((u) => u.endsWith('/remoteEntry.js'))).toEqual([]);
    expect(hostAssets(record, 'federation-')).toEqual([]);
    expect(hostAssets(record, 'api-')).toEqual([]);
    expect(hostAssets(record, 'oidc-engine-')).toEqual([]);
    expect(idp(record)).toEqual([]);
    // The resolver checked config and manifest with the shell's own schemas (stamped): no validator code at all.
    expect(hostAssets(record, 'schemas-')).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('a manifest with a broken entry is not stamped: the browser checks it, reports the entry, and shows the rest', async () => {
    // The resolver's checks (the shell's own schemas) refuse the entry, so the page it renders
    // leaves the manifest unstamped; the shell loads the schemas and reports what is wrong.
    const broken = await startStack({
      ephemeral: true, servers: false, cms: false, configPatch: PRODUCTION,
      mfes: catalog.mfes.filter((m: { name: string }) => ['navigation', 'insights'].includes(m.name)),
      extraEntries: (urls: Record<string, string>) => [{ name: 'Broken', entry: `${urls['insights']}/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: '/broken', region: 'main' }],
    });
    try {
      const { page, record, context } = await newPage(browser);
      await page.goto(`${broken.hostUrl}/insights`);
      await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
      await page.getByText('1 part of this page is unavailable because of a configuration problem.').waitFor();
      const problems = await page.evaluate(() => window.atrium!.manifestProblems().map((p) => `${p.where} ${p.field} ${p.message}`));
      expect(problems).toEqual([expect.stringMatching(/^entry \d+ \("Broken"\) name "Broken" must be lowercase/)]);
      expect(await page.evaluate(() => [document.getElementById('atrium-config')?.dataset['checked'] !== undefined, document.getElementById('atrium-manifest')?.dataset['checked'] !== undefined])).toEqual([true, false]);
      expect(record.requests.filter((u) => u.startsWith(`${broken.hostUrl}/assets/schemas-`))).toHaveLength(1);
      expect(record.pageErrors).toEqual([]);
      await context.close();
    } finally {
      await broken.close();
    }
  });

  it('the shell\'s entry is one file: it imports no other chunk before it can run', () => {
    // The bundler moves a module that two lazy chunks share, and what it needs of the entry, into
    // chunks of their own that the entry then imports (rolldown #10731): one request more each.
    const html = fs.readFileSync(path.join(ROOT, 'host/dist/index.html'), 'utf8');
    const entry = /<script type="module"[^>]*src="\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const code = fs.readFileSync(path.join(ROOT, 'host/dist', entry ?? ''), 'utf8');
    expect(code.match(/\bimport\s*(?:[\w${*][^()]*?\bfrom\s*)?["'`]\.\/[^"'`]+\.js["'`]/g) ?? []).toEqual([]);
    expect(html).not.toContain('rel="modulepreload"');
  });

  it('the chunks a page runs at once keep V8\'s compile hint on their first line (a line above it makes it a comment)', () => {
    const html = fs.readFileSync(path.join(ROOT, 'host/dist/index.html'), 'utf8');
    const entry = /<script type="module"[^>]*src="\/(assets\/index-[\w-]+\.js)"/.exec(html)?.[1] ?? '';
    const widgets = fs.readdirSync(path.join(ROOT, 'host/dist/assets')).find((file) => /^embed-widgets-[\w-]+\.js$/.test(file)) ?? '';
    for (const file of [entry, 'embed.js', `assets/${widgets}`]) {
      expect(fs.readFileSync(path.join(ROOT, 'host/dist', file), 'utf8').split('\n', 1)[0], file).toBe('//# allFunctionsCalledOnLoad');
    }
  });

  it('loads the API layer on an MFE\'s first call, once, and the data shows', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/insights`);
    await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
    await settle(page);
    // Insights shows public content without calling an API when signed out…
    expect(hostAssets(record, 'api-')).toEqual([]);
    // …markets calls the public rates API at mount: the layer comes with that call, once.
    await page.evaluate(() => history.pushState(null, '', '/markets'));
    await page.getByText('1 EUR buys').waitFor();
    expect(hostAssets(record, 'api-')).toHaveLength(1);
    expect(idp(record)).toEqual([]);
    await context.close();
  });

  it('with SSO on, a public route never waits for the SSO code: content shows while it hangs', async () => {
    const { page, record, context } = await newPage(browser);
    // The SSO chunk (the controller, the route guard) never answers.
    let asked = 0;
    await page.route(/\/assets\/sso-[\w-]+\.js$/, () => void (asked += 1));
    await page.goto(`${stack.hostUrl}/insights`);
    await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
    expect(asked).toBe(1);
    expect(hostAssets(record, 'oidc-engine-')).toEqual([]);
    expect(idp(record)).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('with SSO on, an SSO chunk that cannot be loaded leaves the page up and says sign-in could not start', async () => {
    const { page, context } = await newPage(browser);
    await page.route(/\/assets\/sso-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${stack.hostUrl}/insights`);
    await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
    await page.getByText(/Sign-in could not start/).waitFor();
    // Told once, though the controller and the route guard both asked.
    expect(await page.getByText(/Sign-in could not start/).count()).toBe(1);
    await context.close();
  });

  it('with SSO on, a public route fetches the SSO code only after first content', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/insights`);
    await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
    await settle(page);
    const timing = await page.evaluate(() => ({
      firstContent: performance.getEntriesByName('atrium:first-content')[0]?.startTime ?? Number.NaN,
      sso: performance.getEntriesByType('resource').filter((r) => new URL(r.name).pathname.startsWith('/assets/sso-')).map((r) => r.startTime),
    }));
    expect(timing.sso).toHaveLength(1);
    expect(timing.sso[0]).toBeGreaterThanOrEqual(timing.firstContent);
    await context.close();
  });

  it('single-spa comes after first content and takes over what mounted before it: routing works', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/accounts`);
    await page.getByText('Sign in to see your accounts').waitFor();
    await page.evaluate(() => window.atrium?.ready);
    const timing = await page.evaluate(() => ({
      firstContent: performance.getEntriesByName('atrium:first-content')[0]?.startTime ?? Number.NaN,
      spa: performance.getEntriesByType('resource').filter((r) => new URL(r.name).pathname.startsWith('/assets/single-spa-')).map((r) => r.startTime),
    }));
    expect(timing.spa).toHaveLength(1);
    expect(timing.spa[0]).toBeGreaterThanOrEqual(timing.firstContent);
    // Adopted, not mounted a second time; and single-spa routes from here on.
    expect(await page.getByText('Sign in to see your accounts').count()).toBe(1);
    await page.getByRole('link', { name: 'Spending insights' }).click();
    await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
    expect(await page.getByText('Sign in to see your accounts').count()).toBe(0);
    await page.goBack();
    await page.getByText('Sign in to see your accounts').waitFor();
    expect(await page.evaluate(() => window.atrium?.states().map((s) => `${s.name}:${s.status}`).sort())).toEqual(expect.arrayContaining(['accounts:MOUNTED', 'insights:NOT_MOUNTED', 'navigation:MOUNTED']));
    expect(record.pageErrors).toEqual([]);
    expect(record.unhandledRejections).toEqual([]);
    await context.close();
  });

  it('content does not wait for single-spa; a link clicked before it arrives is followed once it does', async () => {
    const { page, context } = await newPage(browser);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/single-spa-[\w-]+\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${stack.hostUrl}/accounts`);
    await page.getByText('Sign in to see your accounts').waitFor();
    expect(await page.evaluate(() => window.atrium?.state('accounts')?.status)).toBe('MOUNTED');
    await page.getByRole('link', { name: 'Spending insights' }).click();
    // No full page load, no route change while single-spa is held …
    expect(new URL(page.url()).pathname).toBe('/accounts');
    release();
    // … and the click is followed once it is in, in the page.
    await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/insights');
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await context.close();
  });

  it('single-spa that cannot be loaded: what mounted stays, the visitor is told, and links still take them there', async () => {
    const { page, record, context } = await newPage(browser);
    await page.route(/\/assets\/single-spa-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${stack.hostUrl}/accounts`);
    await page.getByText('Sign in to see your accounts').waitFor();
    await page.getByText(/Part of this page could not be loaded/).waitFor();
    expect(await page.getByText('Sign in to see your accounts').count()).toBe(1);
    // Said once, in words; nothing left unhandled.
    expect(record.unhandledRejections).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    // A link becomes a browser navigation: the next page shows the route.
    await page.getByRole('link', { name: 'Spending insights' }).click();
    await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/insights');
    await context.close();
  });

  it('with SSO off, no SSO code is fetched at all', async () => {
    const plain = await startStack({ ephemeral: true, servers: false, cms: false, mfes: catalog.mfes.filter((m: { name: string }) => ['navigation', 'insights'].includes(m.name)), configPatch: PRODUCTION });
    try {
      const { page, record, context } = await newPage(browser);
      await page.goto(`${plain.hostUrl}/insights`);
      await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
      await page.waitForTimeout(1_000);
      expect(record.requests.filter((u) => /\/assets\/(sso|oidc-engine)-/.test(u))).toEqual([]);
      expect(record.pageErrors).toEqual([]);
      await context.close();
    } finally {
      await plain.close();
    }
  });

  it('an entry without a plan loads through remoteEntry.js and the lazily fetched runtime', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/markets`);
    await page.getByText('1 EUR buys').waitFor();
    expect(planned('markets')).toBeUndefined();
    expect(record.requests).toContain(`${stack.urls['markets']}/remoteEntry.js`);
    expect(hostAssets(record, 'federation-')).toHaveLength(1);
    // The planned navigation MFE on the same page still came without its remoteEntry.js.
    expect(record.requests).not.toContain(`${stack.urls['navigation']}/remoteEntry.js`);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('an anonymous visitor of a CMS page with widgets: no OIDC code, no IdP request, no manifest request', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.cmsUrl}/`);
    await page.locator('atrium-widget#fx-article').locator('h2, h3, [role="heading"]').first().waitFor();
    await page.waitForTimeout(1_000);
    expect(record.requests.filter((u) => /oidc-engine/.test(u))).toEqual([]);
    expect(idp(record)).toEqual([]);
    // The SSO controller comes after the first widget shows (no sign-in was handed to this page).
    const timing = await page.evaluate(() => ({
      firstWidget: performance.getEntriesByName('atrium:embed:first-widget')[0]?.startTime ?? Number.NaN,
      sso: performance.getEntriesByType('resource').filter((r) => /\/assets\/embed-sso-[\w-]+\.js$/.test(r.name)).map((r) => r.startTime),
    }));
    expect(timing.sso).toHaveLength(1);
    expect(timing.sso[0]).toBeGreaterThanOrEqual(timing.firstWidget);
    // The config the resolver serves embed.js carries the visitor's manifest.
    expect(record.requests.filter((u) => new URL(u).pathname.endsWith('manifest.json'))).toEqual([]);
    await context.close();
  });

  it('an MFE that declares the public API it calls as it mounts gets the API layer with its own code, not a round trip after', async () => {
    // markets declares `apis: ["fx-rates"]` (no sign-in): embed.js asks for the API layer as soon
    // as the config names the page's MFEs, with their code and with the widget host. The widget
    // host and the MFE's code are held back here until the layer is requested.
    const { page, record, context } = await newPage(browser);
    const held: string[] = [];
    const layerRequested = () => record.requests.some((u) => /\/assets\/embed-api-[\w-]+\.js$/.test(u));
    const markets = (stack.manifest.mfes.find((m: Record<string, unknown>) => m['name'] === 'markets')?.['entry'] as string).replace(/remoteEntry\.js$/, '');
    await page.route((url) => (url.href.startsWith(markets) && url.pathname.endsWith('.js')) || /\/assets\/embed-widgets-[\w-]+\.js$/.test(url.pathname), async (route) => {
      const deadline = Date.now() + 3_000;
      while (!layerRequested() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      if (!layerRequested()) held.push(route.request().url());
      await route.continue();
    });
    await page.goto(`${stack.cmsUrl}/`);
    await page.locator('atrium-widget#fx-article').locator('h2, h3, [role="heading"]').first().waitFor();
    // Nothing had to wait for the layer's request: it went out before either arrived.
    expect(held).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });
});
