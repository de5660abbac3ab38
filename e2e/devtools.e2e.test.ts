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

const probe = (name: string, path: string, route: string) => ({ name, entry: `${fixtures.url}/${path}/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: route, region: 'main', title: name });

beforeAll(async () => {
  fixtures = await startFixtureServer();
  fixtures.setFlakyUp(true);
  stack = await startStack({
    servers: false,
    extraOrigins: [fixtures.url],
    configPatch: { overrides: { enabled: true, allowedOrigins: [fixtures.url] } },
    extraEntries: () => [probe('fx_probe', 'fx_probe', '/probe'), probe('fx_missing', 'missing', '/missing')],
  });
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await fixtures?.close();
});

describe('overrides', () => {
  it('loads an MFE from an allowed override URL, shows a banner, and resets in one click', async () => {
    const { page, record, context } = await newPage(browser);
    const override = `${fixtures.url}/flaky/remoteEntry.js`;
    await page.goto(`${stack.hostUrl}/probe?atrium-override=${encodeURIComponent(`fx_probe=${override}`)}`);
    await page.locator('.probe').waitFor();
    const banner = page.getByRole('status').filter({ hasText: 'Overrides active' });
    // Only the MFE and the origin its code now comes from: no free text from the link.
    await expect(banner.textContent()).resolves.toContain(`Overrides active: fx_probe from ${fixtures.url}Reset overrides`);
    expect(record.requests).toContain(override);
    // The parameter leaves the address bar; the override is remembered for the next page.
    expect(new URL(page.url()).search).toBe('');
    await page.reload();
    await page.locator('.probe').waitFor();
    await banner.waitFor();

    await banner.getByRole('button', { name: 'Reset overrides' }).click();
    await page.waitForLoadState('load');
    await page.locator('.probe').waitFor();
    await expect(page.getByText('Overrides active').count()).resolves.toBe(0);
    await expect(page.evaluate(() => window.atrium?.state('fx_probe')?.url)).resolves.toBe(`${fixtures.url}/fx_probe/remoteEntry.js`);
    await context.close();
  });

  it('refuses an override to an origin that is not on the overrides allow-list, and leaves no trace of it', async () => {
    const { page, record, context } = await newPage(browser);
    const warnings: string[] = [];
    page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
    const evil = `${stack.urls['navigation']}/not-allowed/remoteEntry.js?<b>Call-0800-SCAM</b>`;
    await page.goto(`${stack.hostUrl}/probe?atrium-override=${encodeURIComponent(`fx_probe=${evil}`)}`);
    await page.locator('.probe').waitFor();
    expect(record.requests.filter((u) => u.includes('/not-allowed/'))).toEqual([]);
    // Nothing saved, nothing shown: the attacker's text reaches neither storage nor the page.
    await expect(page.evaluate(() => ({ ...localStorage }))).resolves.toEqual({});
    await expect(page.getByText(/Override|SCAM/).count()).resolves.toBe(0);
    expect(warnings.join('\n')).toMatch(/override of "fx_probe" refused: origin .* is not on the overrides allow-list/);
    // Nor does it come back on the next visit.
    await page.goto(`${stack.hostUrl}/probe`);
    await page.locator('.probe').waitFor();
    await expect(page.getByText(/Override|SCAM/).count()).resolves.toBe(0);
    await context.close();
  });

  it('ignores overrides on a deployment that does not enable them', async () => {
    // No `overrides` section at all: the default for a deployment.
    const plain = await startStack({ servers: false, extraOrigins: [fixtures.url], configPatch: { overrides: undefined }, extraEntries: () => [probe('fx_probe', 'fx_probe', '/probe')] });
    const { page, record, context } = await newPage(browser);
    try {
      const override = `${fixtures.url}/flaky/remoteEntry.js`;
      await page.goto(`${plain.hostUrl}/probe?atrium-override=${encodeURIComponent(`fx_probe=${override}`)}`);
      await page.locator('.probe').waitFor();
      expect(record.requests).not.toContain(override);
      await expect(page.getByText('Overrides active').count()).resolves.toBe(0);
      await expect(page.evaluate(() => ({ ...localStorage }))).resolves.toEqual({});
    } finally {
      await context.close();
      await plain.close();
    }
  });
});

describe('devtools overlay', () => {
  it('opens with Ctrl+Shift+D, shows every MFE with status, version and timings, and retries or remounts', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/probe`);
    await page.locator('.probe').filter({ hasText: 'mounted 1' }).waitFor();
    // The overlay is a lazy chunk: nothing of it is loaded before it is opened.
    await expect(page.locator('atrium-devtools').count()).resolves.toBe(0);
    await page.keyboard.press('Control+Shift+D');
    const overlay = page.getByRole('region', { name: 'Atrium devtools' });
    await overlay.waitFor();
    const row = overlay.locator('tr[data-mfe="fx_probe"]');
    await expect(row.textContent()).resolves.toMatch(/fx_probe\s*MOUNTED\s*1\.0\.0/);
    await expect(row.locator('td').nth(5).textContent()).resolves.toMatch(/ms$/);
    await expect(overlay.getByText('single-spa').first().isVisible()).resolves.toBe(true);
    await expect(overlay.getByText('Atrium devtools · route /probe').count()).resolves.toBe(1);

    await row.getByRole('button', { name: 'Remount' }).click();
    await page.locator('.probe').filter({ hasText: 'mounted 2' }).waitFor();

    await page.evaluate(() => history.pushState(null, '', '/missing'));
    await page.evaluate(() => window.dispatchEvent(new PopStateEvent('popstate')));
    const missing = overlay.locator('tr[data-mfe="fx_missing"]');
    await expect.poll(() => missing.textContent()).toMatch(/LOAD_ERROR.*answered 404/);
    await missing.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.evaluate(() => window.atrium?.state('fx_missing')?.attempt)).toBe(1);

    await page.keyboard.press('Control+Shift+D');
    await expect(page.locator('atrium-devtools').count()).resolves.toBe(0);
    await context.close();
  });
});
