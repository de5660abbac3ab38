#!/usr/bin/env node
// Times embedded widgets on the CMS page in headless Chromium: from embed.js starting to run
// (User Timing mark atrium:embed:start) to the first widget's content (atrium:embed:first-widget),
// cold cache, medians of N runs, unthrottled and throttled (CDP: 100 ms RTT, 10 Mbit/s).
// Usage: node scripts/build.mjs && node scripts/embed-timing.mjs [runs]
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startStack } from './lib/stack.mjs';

const runs = Number(process.argv[2] ?? 7);
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const gz = (/** @type {string} */ file) => fs.statSync(path.join(ROOT, 'host/dist', `${file}.gz`)).size;

const stack = await startStack({ ephemeral: true });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const throttled of [false, true]) {
    /** @type {{ fromScript: number, fromNavigation: number, js: number, requests: number }[]} */
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (throttled) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
      }
      await page.goto(stack.cmsUrl);
      await page.waitForFunction(() => performance.getEntriesByName('atrium:embed:first-widget').length > 0, undefined, { timeout: 30_000 });
      samples.push(await page.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        const first = at('atrium:embed:first-widget');
        const resources = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource')).filter((r) => r.responseEnd <= first);
        return {
          fromScript: first - at('atrium:embed:start'),
          fromNavigation: first,
          js: resources.filter((r) => r.name.endsWith('.js')).reduce((sum, r) => sum + r.encodedBodySize, 0),
          requests: resources.length,
        };
      }));
      await context.close();
    }
    const m = (/** @type {'fromScript'|'fromNavigation'|'js'|'requests'} */ key) => median(samples.map((s) => s[key]));
    console.log(`${throttled ? 'throttled  ' : 'unthrottled'}  embed.js start → first widget: median ${m('fromScript').toFixed(0)} ms (range ${Math.min(...samples.map((s) => s.fromScript)).toFixed(0)}–${Math.max(...samples.map((s) => s.fromScript)).toFixed(0)})  · navigation → first widget: ${m('fromNavigation').toFixed(0)} ms  · ${m('requests')} requests, ${(m('js') / 1024).toFixed(1)} KB JS on the wire  (n=${runs})`);
  }
  const chunks = fs.readdirSync(path.join(ROOT, 'host/dist/assets')).filter((f) => f.startsWith('embed-') && f.endsWith('.js'));
  console.log(`embed.js ${(gz('embed.js') / 1024).toFixed(2)} KB gz; chunks: ${chunks.map((f) => `${f} ${(gz(`assets/${f}`) / 1024).toFixed(1)} KB gz`).join(', ')}`);
} finally {
  await browser.close();
  await stack.close();
}
