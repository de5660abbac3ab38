import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { assertPortFree } from '../scripts/lib/ports.mjs';
import { devPort } from '../shared/vite/index.mjs';
import { launchChrome, newPage } from './support/browser.js';
import { ROOT } from './support/paths.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

const MARKETS_PORT = 5204;
let browser: Browser;
let stack: Stack;
let dev: ChildProcess | undefined;

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (dev?.exitCode !== null && dev?.exitCode !== undefined) throw new Error(`the dev server exited with ${dev.exitCode}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the dev server did not answer at ${url} within ${ms} ms`);
}

beforeAll(async () => {
  const port = devPort(MARKETS_PORT);
  await assertPortFree(port, 'markets dev server');
  // What a team runs: `npm run dev -w mfes/markets` (here without npm in between, so the PID is Vite's).
  // Without vitest's environment: the federation plugin switches itself off under a test runner.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'));
  dev = spawn(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js')], { cwd: path.join(ROOT, 'mfes/markets'), stdio: 'ignore', env });
  await waitForServer(`http://localhost:${port}/remoteEntry.js`, 30_000);
  stack = await startStack({ sso: false, cms: false });
  browser = await launchChrome();
  // A cold Vite dev server optimises dependencies on first use and answers the first requests
  // with "outdated" errors; open its own page once, as a developer would, so that is done.
  const warm = await browser.newPage();
  await warm.goto(`http://localhost:${port}/`, { waitUntil: 'networkidle' });
  await warm.close();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  dev?.kill();
});

describe('developing one MFE against the running host', () => {
  it('loads the MFE from its Vite dev server through an override, the others as built', async () => {
    const { page, record, context } = await newPage(browser);
    const devEntry = `http://localhost:${devPort(MARKETS_PORT)}/remoteEntry.js`;
    await page.goto(`${stack.hostUrl}/markets?atrium-override=${encodeURIComponent(`markets=${devEntry}`)}`);
    const content = page.getByRole('heading', { name: '1 EUR buys' });
    const fallback = page.getByRole('alert').filter({ hasText: 'Markets could not be loaded' });
    await content.or(fallback).waitFor({ timeout: 30_000 });
    // A cold dev server may still be optimising dependencies on the first load (Vite answers
    // "outdated" for a moment): the user's Try again is the documented remedy, and must work.
    if (await fallback.isVisible()) await fallback.getByRole('button', { name: 'Try again' }).click();
    await content.waitFor({ timeout: 30_000 });
    await expect(page.evaluate(() => window.atrium?.state('markets')?.url)).resolves.toBe(devEntry);
    await page.getByText(`Overrides active: markets from http://localhost:${devPort(MARKETS_PORT)}`).waitFor();
    // Vite's HMR client connected to the dev server; the navigation MFE still came from its build
    // (through its deploy-time plan: its exposed chunk, not remoteEntry.js).
    expect(record.requests.some((u) => u.startsWith(`http://localhost:${devPort(MARKETS_PORT)}/@vite/client`))).toBe(true);
    const navigation = stack.manifest.mfes.find((m) => m['name'] === 'navigation');
    expect(record.requests).toContain(`${stack.urls['navigation']}/${(navigation?.['boot'] as { module: string } | undefined)?.module}`);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });
});
