import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import type { PageRecord } from './support/browser.js';
import { startFixtureServer } from './support/fixture-server.js';
import type { FixtureServer } from './support/fixture-server.js';
import { ROOT } from './support/paths.js';
import { embedCsp, renderCmsPage, startStack } from '../scripts/lib/stack.mjs';
import { startStaticServer } from '../scripts/lib/static-server.mjs';

// What the suites read of `window.atriumEmbed` (host/src/embed/api.ts), kept structural.
interface EmbedWindow {
  atriumEmbed?: {
    widgets(): { id: string; name: string; status: string; props: Record<string, unknown>; lastError?: { message: string } }[];
    resources(): { parcels: number; liveSignals: number };
  };
  __liveIntervals?: () => number;
}

let browser: Browser;
let fixtures: FixtureServer;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  stack = await startStack({
    ephemeral: true,
    extraOrigins: [fixtures.url],
    extraEntries: () => [
      { name: 'fx_missing', entry: `${fixtures.url}/missing/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: '/x', region: 'main', title: 'Statements' },
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

/** A page with the MFE's timers counted, so a test can see them go away. */
async function openCms(url = stack.cmsUrl): Promise<{ page: Page; record: PageRecord; context: BrowserContext; consoleErrors: string[] }> {
  const { page, record, context } = await newPage(browser);
  await page.addInitScript(() => {
    const live = new Set<unknown>();
    const set = window.setInterval.bind(window);
    const clear = window.clearInterval.bind(window);
    window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
      const id = set(handler, ms, ...args);
      live.add(id);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      live.delete(id);
      clear(id);
    }) as typeof window.clearInterval;
    (window as EmbedWindow).__liveIntervals = () => live.size;
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await page.goto(url);
  return { page, record, context, consoleErrors };
}

const widget = (page: Page, id: string): Locator => page.locator(`#${id}`);
const textOf = async (locator: Locator): Promise<string> => {
  // Attached is enough: technical details sit in a collapsed <details>.
  await locator.waitFor({ state: 'attached' });
  return (await locator.textContent()) ?? '';
};
const widgets = (page: Page) => page.evaluate(() => (window as EmbedWindow).atriumEmbed?.widgets() ?? []);
const resources = (page: Page) => page.evaluate(() => (window as EmbedWindow).atriumEmbed?.resources());
const liveIntervals = (page: Page) => page.evaluate(() => (window as EmbedWindow).__liveIntervals?.());

async function waitForMarkets(page: Page): Promise<void> {
  await widget(page, 'fx-article').getByRole('heading', { name: '1 GBP buys' }).waitFor();
  await widget(page, 'fx-sidebar').getByRole('heading', { name: '1 USD buys' }).waitFor();
}

describe('embedded widgets on a CMS page', () => {
  it('renders every widget from one runtime: one config (the manifest inlined in it), one fetch of the MFE\'s code', async () => {
    const { page, record, context, consoleErrors } = await openCms();
    await waitForMarkets(page);
    const count = (suffix: string) => record.requests.filter((u) => new URL(u).pathname.endsWith(suffix)).length;
    expect(count('/embed.js')).toBe(1);
    expect(count('/atrium.config.json')).toBe(1);
    // The resolver inlines the visitor's manifest in the config: no second request for it.
    expect(count('/manifest.json')).toBe(0);
    // The deploy-time plan: the exposed chunk, fetched once for both widgets; no remoteEntry.js.
    const planned = (stack.manifest.mfes.find((m) => m['name'] === 'markets')?.['boot'] as { module: string } | undefined)?.module;
    expect(record.requests.filter((u) => u === `${stack.urls['markets']}/${planned}`)).toHaveLength(1);
    expect(record.requests.filter((u) => u.startsWith(stack.urls['markets']!) && u.endsWith('/remoteEntry.js'))).toHaveLength(0);
    // Its stylesheet once too: each widget's link (with the manifest's hash) takes what embed.js
    // preloaded; a link without the preload's hash and CORS mode fetched it a second time.
    expect(record.requests.filter((u) => u.startsWith(stack.urls['markets']!) && u.endsWith('.css'))).toHaveLength(1);
    expect(new URL(page.url()).origin).not.toBe(new URL(stack.hostUrl).origin);

    // A third widget for a currency already shown reads the page's one API cache: no new request.
    const ratesCalls = () => record.requests.filter((u) => u.startsWith(stack.servers!.thirdPartyApi.url) && u.includes('/rates?')).length;
    const before = ratesCalls();
    await page.evaluate(() => document.querySelector('aside')!.insertAdjacentHTML('beforeend', '<atrium-widget id="fx-again" name="markets" base="USD" variant="compact"></atrium-widget>'));
    await widget(page, 'fx-again').getByRole('heading', { name: '1 USD buys' }).waitFor();
    expect(ratesCalls()).toBe(before);
    // The page's policy admits no inline script (as the README asks): the files are verified by
    // preloads, without first trying an import map the browser refuses with console errors.
    expect(consoleErrors.filter((e) => e.includes('Content Security Policy'))).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    expect(record.unhandledRejections).toEqual([]);
    await context.close();
  });

  it('isolates styles both ways: the CMS CSS does not reach the widget, the widget CSS does not leak', async () => {
    const { page, context } = await openCms();
    await waitForMarkets(page);
    const inside = await widget(page, 'fx-article').getByRole('heading', { name: '1 GBP buys' }).evaluate((h2) => {
      const style = getComputedStyle(h2);
      const card = h2.closest('.card')!;
      const td = card.querySelector('td')!;
      return {
        fontSize: style.fontSize, fontFamily: style.fontFamily, color: style.color, textTransform: style.textTransform,
        cardBackground: getComputedStyle(card).backgroundColor, cardRadius: getComputedStyle(card).borderTopLeftRadius,
        tdBorder: getComputedStyle(td).borderBottomStyle, svg: getComputedStyle(card.querySelector('svg')!).display,
        // The MFE's stylesheet sits in the shadow root, not in the document.
        linkInShadow: (h2.getRootNode() as ShadowRoot).querySelectorAll('link[rel="stylesheet"]').length,
      };
    });
    expect(inside).toEqual({
      fontSize: '16.8px', fontFamily: expect.not.stringContaining('Comic') as unknown as string, color: 'rgb(20, 33, 61)', textTransform: 'none',
      cardBackground: 'rgb(255, 255, 255)', cardRadius: '10px', tdBorder: 'solid', svg: 'block', linkInShadow: 1,
    });

    const outside = await page.evaluate(() => ({
      h2: getComputedStyle(document.querySelector('article h2')!).fontSize,
      // The widget's selectors would match this page element if its CSS had leaked.
      sponsor: getComputedStyle(document.querySelector('section[data-mfe-markets]')!).fontSize,
      remoteSheets: [...document.styleSheets].map((s) => s.href ?? '').filter((href) => !href.startsWith(location.origin)),
      remoteLinks: document.querySelectorAll('link[rel="stylesheet"]:not([href="/site.css"])').length,
    }));
    expect(outside).toEqual({ h2: '60px', sponsor: '22px', remoteSheets: [], remoteLinks: 0 });
    await context.close();
  });

  it('keeps MFE stylesheets working in the shell, attached to the document', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/markets`);
    const card = page.locator('[data-mfe-markets] .card');
    await card.getByRole('heading', { name: '1 EUR buys' }).waitFor();
    await expect(card.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).resolves.toBe('10px');
    await expect(page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('head link[data-atrium-css]')].map((l) => new URL(l.href).pathname))).resolves.toEqual([
      expect.stringMatching(/^\/assets\/style-.+\.css$/),
    ]);
    await context.close();
  });

  it('shows a small fallback for a failing widget while the page and the other widgets keep working', async () => {
    const { page, record, context, consoleErrors } = await openCms();
    await waitForMarkets(page);
    // Unknown name (in the page as published) and a remote that answers 404 (added later).
    expect(await textOf(widget(page, 'weather').getByRole('alert'))).toContain('could not be loaded');
    await widget(page, 'weather').getByText('Technical details').click();
    expect(await textOf(widget(page, 'weather').locator('code'))).toContain('no MFE named "weather" in the manifest');
    await page.evaluate(() => document.querySelector('article')!.insertAdjacentHTML('beforeend', '<atrium-widget id="broken" name="fx_missing"></atrium-widget>'));
    expect(await textOf(widget(page, 'broken').getByRole('alert'))).toContain('Statements could not be loaded');
    expect(await textOf(widget(page, 'broken').locator('code'))).toContain('answered 404');
    const box = await widget(page, 'broken').boundingBox();
    expect(box!.height).toBeLessThan(220);

    const states = Object.fromEntries((await widgets(page)).map((w) => [w.id, w.status]));
    expect(states).toMatchObject({ 'markets#1': 'MOUNTED', 'markets#2': 'MOUNTED', 'weather#1': 'LOAD_ERROR', 'fx_missing#1': 'LOAD_ERROR' });
    // The page itself is untouched and still works.
    await expect(page.getByRole('heading', { name: 'Planning a trip abroad' }).isVisible()).resolves.toBe(true);
    expect(record.pageErrors).toEqual([]);
    expect(record.unhandledRejections).toEqual([]);
    expect(consoleErrors.join('\n')).toContain('fx_missing');
    await context.close();
  });

  it('hands a changed attribute to the MFE\'s update lifecycle, and remounts one without update', async () => {
    const { page, context } = await openCms();
    await waitForMarkets(page);
    const sidebarId = (await widgets(page)).find((w) => w.props['base'] === 'USD')!.id;
    await page.locator('#fx-sidebar').evaluate((el) => el.setAttribute('base', 'CHF'));
    await widget(page, 'fx-sidebar').getByRole('heading', { name: '1 CHF buys' }).waitFor();
    const measures = (id: string) => page.evaluate((label) => ['mount', 'update', 'unmount'].map((step) => performance.getEntriesByName(`atrium:${label}:${step}`, 'measure').length), id);
    await expect(measures(sidebarId)).resolves.toEqual([1, 1, 0]);
    expect((await widgets(page)).find((w) => w.id === sidebarId)?.props).toMatchObject({ base: 'CHF', variant: 'compact' });

    // fx_probe has no update lifecycle: a changed attribute remounts it with the new props.
    await page.evaluate(() => document.querySelector('article')!.insertAdjacentHTML('beforeend', '<atrium-widget id="probe" name="fx_probe" mode="a"></atrium-widget>'));
    await widget(page, 'probe').getByText('probe fx_probe mounted 1').waitFor();
    await page.locator('#probe').evaluate((el) => el.setAttribute('mode', 'b'));
    await widget(page, 'probe').getByText('probe fx_probe mounted 2').waitFor();
    // Unmounted once, never updated (the host keeps the latest measure per step; the probe's own
    // count above shows the second mount).
    await expect(measures('fx_probe#1')).resolves.toEqual([1, 0, 1]);
    await context.close();
  });

  it('signs in from a widget through the IdP and comes back to the CMS page, signed in', async () => {
    const { page, record, context } = await newPage(browser);
    // The CMS page as its author publishes it, with an accounts widget (added on every load).
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        document.querySelector('article')?.insertAdjacentHTML('beforeend', '<atrium-widget id="my-accounts" name="accounts"></atrium-widget>');
      });
    });
    await page.goto(stack.cmsUrl);
    const accounts = widget(page, 'my-accounts');
    await accounts.getByText('Sign in to see your accounts').waitFor();
    await accounts.getByRole('button', { name: 'Sign in' }).click();

    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('alice');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const allow = page.getByRole('button', { name: 'Allow' });
    await allow.or(accounts.getByText('Welcome back, Alice Martin.')).first().waitFor();
    if (await allow.isVisible()) await allow.click();

    // Back on the CMS page it started from, the address bar clean, the widget signed in with data.
    await accounts.getByText('Welcome back, Alice Martin.').waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(stack.cmsUrl).origin);
    expect(new URL(page.url()).search).toBe('');
    await accounts.getByRole('link', { name: /Everyday account/ }).waitFor();
    await waitForMarkets(page);
    await expect(page.evaluate(() => [Object.keys(sessionStorage), Object.keys(localStorage)])).resolves.toEqual([[], []]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('unmounts a removed element and frees its parcel, abort signal and timers', async () => {
    const { page, context } = await openCms();
    await waitForMarkets(page);
    await expect(resources(page)).resolves.toEqual({ parcels: 2, liveSignals: 2 });
    await expect(liveIntervals(page)).resolves.toBe(2);

    await page.locator('#fx-sidebar').evaluate((el) => el.remove());
    await expect.poll(() => widgets(page).then((list) => list.map((w) => w.id).sort())).toEqual(['markets#1', 'weather#1']);
    await expect(resources(page)).resolves.toEqual({ parcels: 1, liveSignals: 1 });
    // Markets clears its refresh timer when its abort signal fires: that timer is gone.
    await expect(liveIntervals(page)).resolves.toBe(1);

    // Moving an element is not removing it: it stays mounted, nothing is remounted.
    await page.locator('#fx-article').evaluate((el) => document.querySelector('aside')!.append(el));
    await expect(page.evaluate(() => performance.getEntriesByName('atrium:markets#1:mount', 'measure').length)).resolves.toBe(1);

    await page.evaluate(() => document.querySelectorAll('atrium-widget').forEach((el) => el.remove()));
    await expect.poll(() => widgets(page)).toEqual([]);
    await expect(resources(page)).resolves.toEqual({ parcels: 0, liveSignals: 0 });
    await expect(liveIntervals(page)).resolves.toBe(0);
    await context.close();
  });

  it('refuses to run on a page whose origin is not an allowed embedder, saying how to fix it', async () => {
    const stranger = await startStaticServer({
      dir: path.join(ROOT, 'cms'), port: 0, label: 'unlisted CMS',
      html: () => renderCmsPage(path.join(ROOT, 'cms/index.html'), stack.hostUrl, embedCsp(stack.hostUrl, Object.values(stack.urls), undefined)),
    });
    try {
      const { page, record, context, consoleErrors } = await openCms(stranger.url);
      // The visitor sees a neutral placeholder; the embedder gets one console error, in their words.
      await widget(page, 'fx-article').getByText('This content is not available here.').waitFor();
      await expect(widget(page, 'fx-article').getByRole('alert').count()).resolves.toBe(0);
      await expect.poll(() => widgets(page).then((list) => list.length > 0 && list.every((w) => w.status === 'REFUSED'))).toBe(true);
      expect(consoleErrors).toHaveLength(1);
      expect(consoleErrors[0]).toContain(`origin ${stranger.url} is not in \`embed.allowedEmbedders\` of deployment ${stack.hostUrl}/atrium.config.json — fix: add "${stranger.url}"`);
      expect(record.requests.filter((u) => u.endsWith('/manifest.json') || u.endsWith('/remoteEntry.js'))).toEqual([]);
      expect((await widgets(page)).every((w) => w.status === 'REFUSED')).toBe(true);
      expect(record.pageErrors).toEqual([]);
      await context.close();
    } finally {
      await stranger.close();
    }
  });
});
