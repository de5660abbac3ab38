import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome, launchChrome, newPage } from './support/browser.js';
import { startStack } from './support/stack.js';
import { readCatalog } from '../scripts/lib/stack.mjs';
import type { Stack } from './support/stack.js';
import { ROOT } from './support/paths.js';
import { startStaticServer } from '../scripts/lib/static-server.mjs';
import { integrityForDist } from '../scripts/lib/integrity.mjs';
import { preloadListFromMfManifest } from '../scripts/lib/deploy.mjs';

// The attacker controls the MFE's CDN after the deployment wrote its manifest: they replace one
// chunk with code that has a visible side effect. The manifest pins every file, so the browser
// must refuse it, while every other MFE on the page keeps working.

let browser: Browser;
let stack: Stack;
const servers: { url: string; close(): Promise<void> }[] = [];
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-tamper-'));

const PROBE_DIST = path.join(ROOT, 'e2e/fixtures/fx_probe/dist');
const files = fs.readdirSync(path.join(PROBE_DIST, 'assets'));
const appChunk = `assets/${files.find((f) => /^app-.*\.js$/.test(f))}`;
const entryImport = `assets/${files.find((f) => /^vite-preload-helper-.*\.js$/.test(f))}`;

/** A deployed copy of the probe: its manifest entry written from the clean build, then `tamper` replaced on the server. */
async function deployTampered(name: string, route: string, tamper: string, { preload, pinned }: { preload: boolean; pinned: boolean }) {
  const dir = path.join(temp, name);
  fs.cpSync(PROBE_DIST, dir, { recursive: true });
  const manifestFiles = integrityForDist(dir);
  const mfManifest = JSON.parse(fs.readFileSync(path.join(dir, 'mf-manifest.json'), 'utf8'));
  const preloadList = preload ? preloadListFromMfManifest(mfManifest, './app', dir) : [];
  if (preload) expect(preloadList).toContain(tamper);
  // After the deploy: the attacker's code runs first thing when the module is evaluated.
  const file = path.join(dir, tamper);
  for (const suffix of ['.br', '.gz']) fs.rmSync(file + suffix, { force: true });
  fs.writeFileSync(file, `window.__pwned=(window.__pwned||[]).concat(${JSON.stringify(`${name}:${tamper}`)});\n${fs.readFileSync(file, 'utf8')}`);
  const server = await startStaticServer({ dir, port: 0, label: name, cors: true });
  servers.push(server);
  return {
    origin: server.url,
    entry: {
      name, entry: `${server.url}/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: route, region: 'main', title: name,
      ...(preloadList.length ? { preload: preloadList } : {}),
      ...(pinned ? { files: manifestFiles } : {}),
    },
  };
}

beforeAll(async () => {
  const deployed = [
    await deployTampered('fx_tampered_preload', '/tampered/preload', appChunk, { preload: true, pinned: true }),
    await deployTampered('fx_tampered_import', '/tampered/import', entryImport, { preload: false, pinned: true }),
    // The control: the same attack on a deployment that opted out of integrity succeeds.
    await deployTampered('fx_unpinned', '/tampered/unpinned', appChunk, { preload: true, pinned: false }),
  ];
  stack = await startStack({ servers: false, extraOrigins: deployed.map((d) => d.origin), extraEntries: () => deployed.map((d) => d.entry) });
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await Promise.all(servers.map((s) => s.close()));
  fs.rmSync(temp, { recursive: true, force: true });
});

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: string[] }).__pwned ?? []);

describe('integrity of every file (attacker replaces a chunk on the CDN)', () => {
  for (const [name, route, file, how] of [
    ['fx_tampered_preload', '/tampered/preload', appChunk, 'listed in preload'],
    ['fx_tampered_import', '/tampered/import', entryImport, 'imported by remoteEntry.js'],
  ] as const) {
    it(`does not run a tampered chunk ${how}; the error names the file and the other MFEs work`, async () => {
      const { page, context } = await newPage(browser);
      await page.goto(`${stack.hostUrl}${route}`);
      const fallback = page.getByRole('alert').filter({ hasText: `${name} could not be loaded` });
      await fallback.waitFor({ timeout: 15_000 });
      await fallback.getByText('Technical details').click();
      await expect(fallback.locator('code').textContent()).resolves.toMatch(new RegExp(`its file http://localhost:\\d+/${file.replace(/[.]/g, '\\.')} does not match the manifest's integrity`));
      expect(await pwned(page)).toEqual([]);
      await expect(page.evaluate((n) => window.atrium?.state(n)?.status, name)).resolves.toBe('LOAD_ERROR');
      // The rest of the page works: the navigation MFE is there and another MFE mounts.
      await page.getByRole('link', { name: 'Spending insights' }).click();
      await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
      expect(await pwned(page)).toEqual([]);
      await context.close();
    });
  }

  it('pins the files itself when the page has no integrity import map (a manifest the deploy step did not inline)', async () => {
    // The page is rewritten by interception; Chromium then treats it as public and would block its
    // loopback requests (Local Network Access), which a real deployment never meets.
    const lenient = await chromium.launch({ executablePath: findChrome(), args: [...CHROME_ARGS, '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights'] });
    const { page, context } = await newPage(lenient);
    await page.route(`${stack.hostUrl}/**`, async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      const html = (await response.text()).replace(/<script type="importmap" id="atrium-integrity">.*?<\/script>/, '');
      await route.fulfill({ response, body: html });
    });
    await page.goto(`${stack.hostUrl}/tampered/import`);
    // The host adds the map when it loads the entry, which may come after the page's load event.
    await expect.poll(() => page.locator('script[type="importmap"]').count()).toBeGreaterThan(0);
    const fallback = page.getByRole('alert').filter({ hasText: 'fx_tampered_import could not be loaded' });
    await fallback.waitFor({ timeout: 15_000 });
    await fallback.getByText('Technical details').click();
    await expect(fallback.locator('code').textContent()).resolves.toContain(`${entryImport} does not match the manifest's integrity`);
    expect(await pwned(page)).toEqual([]);
    await context.close();
    await lenient.close();
  });

  it('does not run a tampered chunk in a widget on a CMS page whose CSP admits no inline import map', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(stack.cmsUrl);
    await page.evaluate(() => document.querySelector('article')!.insertAdjacentHTML('beforeend', '<atrium-widget id="tampered" name="fx_tampered_import"></atrium-widget>'));
    const code = page.locator('#tampered code');
    await code.waitFor({ state: 'attached', timeout: 15_000 });
    await expect(code.textContent()).resolves.toContain(`${entryImport} does not match the manifest's integrity`);
    // The page and its other widgets go on.
    await expect(page.getByRole('heading', { name: 'Planning a trip abroad' }).isVisible()).resolves.toBe(true);
    const states = () => page.evaluate(() => Object.fromEntries(((window as unknown as { atriumEmbed?: { widgets(): { id: string; status: string }[] } }).atriumEmbed?.widgets() ?? []).map((w) => [w.id, w.status])));
    await expect.poll(states).toMatchObject({ 'markets#1': 'MOUNTED', 'markets#2': 'MOUNTED', 'fx_tampered_import#1': 'LOAD_ERROR' });
    expect(await pwned(page)).toEqual([]);
    await context.close();
  });

  it('does not apply a tampered stylesheet to any widget on a CMS page, the first one included', async () => {
    // The markets MFE deployed from a copy whose stylesheet the attacker replaces after the
    // manifest pinned it (same length, so the server's file index still fits it). A widget
    // attaches its styles while its code is still loading; the first one on the page once did so
    // before anything had pinned the entry's files, so its link went out without a hash.
    const markets = readCatalog().mfes.find((m: { name: string }) => m.name === 'markets');
    const dir = path.join(temp, 'markets-css');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(ROOT, 'mfes/markets/package.json'), path.join(dir, 'package.json'));
    fs.cpSync(path.join(ROOT, 'mfes/markets/dist'), path.join(dir, 'dist'), { recursive: true });
    const assets = path.join(dir, 'dist/assets');
    const css = path.join(assets, fs.readdirSync(assets).find((f) => f.endsWith('.css'))!);
    for (const suffix of ['.br', '.gz']) fs.rmSync(css + suffix);
    const cssStack = await startStack({ servers: false, mfes: [{ ...markets, dir }] });
    try {
      const hostile = ':host{outline:9px solid rgb(255, 0, 0) !important}';
      fs.writeFileSync(css, hostile.padEnd(fs.statSync(css).size, ' '));
      const { page, context } = await newPage(browser);
      await page.goto(cssStack.cmsUrl);
      const states = () => page.evaluate(() => Object.fromEntries(((window as unknown as { atriumEmbed?: { widgets(): { id: string; status: string }[] } }).atriumEmbed?.widgets() ?? []).map((w) => [w.id, w.status])));
      await expect.poll(states, { timeout: 15_000 }).toMatchObject({ 'markets#1': 'LOAD_ERROR', 'markets#2': 'LOAD_ERROR' });
      const outlines = await page.evaluate(() => [...document.querySelectorAll('atrium-widget')].map((w) => getComputedStyle(w).outlineColor));
      expect(outlines).not.toContain('rgb(255, 0, 0)');
      // Each widget says which file and why; the article goes on.
      const code = page.locator('#fx-article code');
      await code.waitFor({ state: 'attached' });
      await expect(code.textContent()).resolves.toContain(`its stylesheet ${cssStack.urls['markets']}/assets/${path.basename(css)} does not match the manifest's integrity`);
      await expect(page.getByRole('heading', { name: 'Planning a trip abroad' }).isVisible()).resolves.toBe(true);
      await context.close();
    } finally {
      await cssStack.close();
    }
  });

  it('runs the same tampered chunk when the deployment opted out of integrity (the attack is real)', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/tampered/unpinned`);
    await page.locator('.probe').filter({ hasText: 'probe fx_unpinned mounted 1' }).waitFor();
    expect(await pwned(page)).toEqual([`fx_unpinned:${appChunk}`]);
    await context.close();
  });
});
