// The boot graph (scripts/lib/boot-graph.mjs): a resolver-rendered page imports the shell and the
// planned chunks of the path's MFEs in one module graph, and the shell mounts them before the
// document has finished parsing. A graph fails as a whole when one of its files does, so each
// way a planned chunk can fail is tried here next to a healthy MFE in the same graph: the shell
// still starts, the healthy MFE shows, the broken one says what happened.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadingFields } from '../scripts/lib/deploy.mjs';
import { integrityForDist } from '../scripts/lib/integrity.mjs';
import { launchChrome, newPage } from './support/browser.js';
import { startFixtureServer } from './support/fixture-server.js';
import type { FixtureServer } from './support/fixture-server.js';
import { ROOT } from './support/paths.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

let browser: Browser;
let stack: Stack;
let fixtures: FixtureServer;

/** A planned entry built from a fixture's dist, served from `served` on the fixture server (`missing` 404s, `hang` never answers). */
const planned = (name: string, fixture: string, served: string, route: string, title: string) => {
  const dist = path.join(ROOT, 'e2e/fixtures', fixture, 'dist');
  return {
    name, entry: `${fixtures.url}/${served}/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: route, region: 'main', title,
    ...loadingFields(dist, './app'), files: integrityForDist(dist),
  };
};

beforeAll(async () => {
  fixtures = await startFixtureServer();
  stack = await startStack({
    extraOrigins: [fixtures.url],
    configPatch: { timeouts: { load: 2_000 }, overrides: { enabled: false }, devtools: false },
    extraEntries: () => [
      planned('fx_graph_probe', 'fx_probe', 'fx_probe', '/graph/ok', 'Rewards'),
      planned('fx_graph_missing', 'fx_probe', 'missing', '/graph/missing', 'Statements'),
      planned('fx_graph_hang', 'fx_probe', 'hang', '/graph/hang', 'Loans'),
      planned('fx_graph_throws', 'fx_throws_on_evaluate', 'fx_throws_on_evaluate', '/graph/throws', 'Investments'),
    ],
  });
  browser = await launchChrome();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await fixtures?.close();
});

/** The planned chunks the page's boot graph imports. */
const graphOf = (page: Page) => page.evaluate(() => document.getElementById('atrium-boot-graph')?.dataset['modules']?.split(' ') ?? []);

describe('boot graph', () => {
  it('mounts the path\'s planned MFEs before the document has finished parsing', async () => {
    const { page, record, context } = await newPage(browser);
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${stack.hostUrl}/graph/ok`);
    await page.locator('.probe').filter({ hasText: 'probe fx_graph_probe mounted 1' }).waitFor();
    const graph = await graphOf(page);
    expect(graph).toHaveLength(2);
    expect(graph.some((url) => url.startsWith(fixtures.url))).toBe(true);
    // Handed over by the graph, not imported a task later: first content precedes DOMContentLoaded.
    const [firstContent, contentLoaded] = await page.evaluate(() => [
      performance.getEntriesByName('atrium:first-content')[0]?.startTime ?? Infinity,
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
    ]);
    expect(firstContent).toBeLessThan(contentLoaded);
    // Each planned chunk fetched once, and preloaded by one link: the page's (the shell adds none).
    for (const url of graph) {
      expect(record.requests.filter((u) => u === url)).toHaveLength(1);
      await expect(page.evaluate((href) => [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].filter((l) => l.href === href).length, url)).resolves.toBe(1);
    }
    // Under the CSP the deploy step generates (the graph script allowed by its hash).
    await expect(page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).resolves.toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('mounts in the graph\'s task when the shell ran first (its async copy) and the MFE there reads single-spa', async () => {
    // The probe imports single-spa, so the shell waits for single-spa before it registers; the
    // graph brings its chunk. Held back here, that chunk arrives after the shell's entry, whose
    // async copy then starts the shell before the graph can run.
    const { page, context } = await newPage(browser);
    await page.route(/\/assets\/single-spa-share-[\w-]+\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.goto(`${stack.hostUrl}/graph/ok`);
    await page.locator('.probe').filter({ hasText: 'probe fx_graph_probe mounted 1' }).waitFor();
    const [firstContent, contentLoaded, spaApps] = await page.evaluate(() => [
      performance.getEntriesByName('atrium:first-content')[0]?.startTime ?? Infinity,
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart,
      document.querySelector<HTMLElement>('.probe')?.dataset['spaApps'] ?? '',
    ] as const);
    expect(firstContent).toBeLessThan(contentLoaded);
    // The page's single-spa, with this URL's registrations, at the probe's mount.
    expect(spaApps.split(',')).toEqual(expect.arrayContaining(['navigation', 'fx_graph_probe']));
    await context.close();
  });

  const CASES = [
    { route: '/graph/missing', title: 'Statements could not be loaded', detail: /answered 404/ },
    { route: '/graph/hang', title: 'Loans could not be loaded', detail: /no answer within 2000 ms/ },
    { route: '/graph/throws', title: 'Investments could not be loaded', detail: /threw while loading: fixture: the module threw/ },
  ];
  for (const { route, title, detail } of CASES) {
    it(`starts the shell without the graph when a planned chunk fails (${route})`, async () => {
      const { page, record, context } = await newPage(browser);
      await page.goto(`${stack.hostUrl}${route}`, { waitUntil: 'commit' });
      const fallback = page.getByRole('alert').filter({ hasText: title });
      await fallback.waitFor({ timeout: 10_000 });
      await fallback.getByText('Technical details').click();
      await expect(fallback.locator('code').textContent()).resolves.toMatch(detail);
      expect(await graphOf(page)).toHaveLength(2);
      // The healthy MFE of the same graph is there, and the shell navigates.
      await page.getByRole('link', { name: 'Spending insights' }).click();
      await page.getByRole('heading', { name: 'Spending insights' }).waitFor();
      expect(record.unhandledRejections).toEqual([]);
      await context.close();
    });
  }
});
