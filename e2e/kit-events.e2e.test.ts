// Typed events between MFEs in the real host, in Chromium: a route MFE and an always-on MFE talk
// through props.events without importing each other; a widget on the same page hears the same
// bus; listeners go with the MFE on unmount (1,000 route changes leave none behind); bad payloads
// are refused at the boundary in development; devtools lists the last events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import { startFixtureServer } from './support/fixture-server.js';
import type { FixtureServer } from './support/fixture-server.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

let browser: Browser;
let stack: Stack;
let fixtures: FixtureServer;

const PAGE_BUS = 'atrium.events.page-bus';
type BusWindow = Window & Record<symbol, { listenerCount(type?: string): number; recent(): { type: string; source: string }[] } | undefined>;
const listeners = (page: Page, type?: string) => page.evaluate(([key, t]) => (window as unknown as BusWindow)[Symbol.for(key!)]?.listenerCount(t) ?? -1, [PAGE_BUS, type] as const);

// logLevel debug: the production host build checks payloads like a development build does.
// The embed section is filled in once the host's (ephemeral) origin is known: the stack reads the
// patch on every request for atrium.config.json, which is what embed.js fetches.
const patch: Record<string, unknown> = { logLevel: 'debug' };

beforeAll(async () => {
  fixtures = await startFixtureServer();
  stack = await startStack({
    servers: false,
    cms: false,
    extraOrigins: [fixtures.url],
    configPatch: patch,
    extraEntries: () => [
      { name: 'fx_events_sender', entry: `${fixtures.url}/fx_events_sender/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: '/events', region: 'main', title: 'Sender', props: { tryBadPayload: true } },
      { name: 'fx_events_listener', entry: `${fixtures.url}/fx_events_listener/remoteEntry.js`, module: './app', version: '2.0.0', activeWhen: 'always', region: 'nav', title: 'Listener' },
    ],
  });
  patch['embed'] = { allowedEmbedders: [stack.hostUrl] };
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await fixtures?.close();
});

describe('events between MFEs', () => {
  it('delivers typed events both ways between a route MFE and an always-on MFE, scoped by MFE name', async () => {
    const { page, record, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/events`);
    await page.getByText('pong 1 by fx_events_listener in nav (from fx_events_listener)').waitFor();
    await expect(page.locator('.listener').textContent()).resolves.toBe('ping 1 from fx_events_sender');
    // A function in the payload is refused at the boundary, naming the emitter, the event and the path.
    await expect(page.locator('.refused').textContent()).resolves.toMatch(/mfe 'fx_events_sender' emitted 'kit:ping' with a payload the contract refuses: payload\.later is a function/);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('removes an MFE\'s listeners when it unmounts: 1,000 route changes leave none behind', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/events`);
    await page.getByText('pong 1 by').waitFor();
    // The always-on listener's one 'kit:ping' listener, and the mounted sender's 'kit:pong' and 'kit:ready' ones.
    expect(await listeners(page, 'kit:ping')).toBe(1);
    expect(await listeners(page, 'kit:pong')).toBe(1);
    expect(await listeners(page, 'kit:ready')).toBe(1);
    const cycles = await page.evaluate(async () => {
      const settle = (status: string) => new Promise<void>((resolve) => {
        if (window.atrium?.state('fx_events_sender')?.status === status) return resolve();
        const shell = window.atrium as unknown as { onStateChange(fn: (state: { name: string; status: string }) => void): () => void };
        const stop = shell.onStateChange((state) => {
          if (state.name === 'fx_events_sender' && state.status === status) {
            stop();
            resolve();
          }
        });
      });
      let done = 0;
      for (let i = 0; i < 1000; i += 1) {
        history.pushState(null, '', '/elsewhere');
        await settle('NOT_MOUNTED');
        history.pushState(null, '', '/events');
        await settle('MOUNTED');
        done += 1;
      }
      history.pushState(null, '', '/elsewhere');
      await settle('NOT_MOUNTED');
      return done;
    });
    expect(cycles).toBe(1000);
    await expect(page.locator('.listener').textContent()).resolves.toBe('ping 1001 from fx_events_sender');
    expect(await listeners(page, 'kit:pong')).toBe(0);
    expect(await listeners(page, 'kit:ready')).toBe(0);
    expect(await listeners(page)).toBe(1);
    await context.close();
  }, 180_000);

  it('lets a widget embedded in the same page hear the shell\'s MFEs on the one page bus', async () => {
    // The shell's CSP (Trusted Types) forbids the test from adding embed.js to a running page, so
    // this context does not enforce it; what is tested is the bus, not the CSP.
    const context = await browser.newContext({ bypassCSP: true });
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${stack.hostUrl}/elsewhere`);
    await page.locator('.listener').waitFor();
    await page.evaluate((host) => {
      document.body.insertAdjacentHTML('beforeend', '<atrium-widget id="kit-widget" name="fx_events_listener"></atrium-widget>');
      const script = document.createElement('script');
      script.type = 'module';
      script.src = `${host}/embed.js`;
      script.dataset['config'] = `${host}/atrium.config.json`;
      document.body.append(script);
    }, stack.hostUrl);
    await page.locator('#kit-widget .listener').waitFor({ timeout: 30_000 });
    await page.evaluate(() => history.pushState(null, '', '/events'));
    // Both listeners (the shell's nav MFE and the widget) got the ping and answered.
    await page.locator('#kit-widget .listener').filter({ hasText: /^ping \d+ from fx_events_sender$/ }).waitFor();
    await page.locator('.sender').filter({ hasText: /^pong \d+ by fx_events_listener in widget/ }).waitFor();
    const sources = await page.evaluate((key) => (window as unknown as BusWindow)[Symbol.for(key)]?.recent().filter((e) => e.type === 'kit:pong').map((e) => e.source), PAGE_BUS);
    expect(sources?.filter((s) => s === 'fx_events_listener').length).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it('shows the last events in the devtools overlay', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${stack.hostUrl}/events`);
    await page.getByText('pong 1 by').waitFor();
    await page.keyboard.press('Control+Shift+D');
    const events = page.getByRole('table', { name: 'Recent events' });
    await events.waitFor();
    const text = await events.textContent();
    expect(text).toContain('kit:ping');
    expect(text).toContain('from fx_events_sender');
    expect(text).toContain('{"n":1}');
    expect(text).toContain('kit:pong');
    expect(text).toMatch(/refused: payload\.later is a function/);
    await context.close();
  });
});
