// Per-MFE telemetry in Chromium against a small OTLP/HTTP (JSON) receiver: load and mount timings,
// API requests, lifecycle errors and uncaught errors arrive as spans attributed to the MFE (name and
// version from the manifest); the recorder and the OpenTelemetry SDK are fetched only after first
// content, and not at all when the deployment names no endpoint.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closeServer, listen } from '../scripts/lib/ports.mjs';
import { launchChrome, newPage } from './support/browser.js';
import { startFixtureServer } from './support/fixture-server.js';
import type { FixtureServer } from './support/fixture-server.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number }
interface OtlpSpan { name: string; kind: number; startTimeUnixNano: string; endTimeUnixNano: string; attributes: { key: string; value: OtlpValue }[]; status?: { code?: number; message?: string }; events?: { name: string; attributes: { key: string; value: OtlpValue }[] }[] }
interface Span { name: string; kind: number; ms: number; attrs: Record<string, string | number | boolean | undefined>; status: number; exception?: string; resource: Record<string, string | number | boolean | undefined> }

/** A minimal OTLP/HTTP JSON traces receiver, what a collector's otlp receiver does for the browser. */
async function startReceiver() {
  const spans: Span[] = [];
  const requests: { contentType: string | undefined }[] = [];
  const value = (v: OtlpValue) => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : v.boolValue ?? v.doubleValue);
  const attrs = (list: { key: string; value: OtlpValue }[] = []) => Object.fromEntries(list.map((a) => [a.key, value(a.value)]));
  const server = http.createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => {
      requests.push({ contentType: req.headers['content-type'] });
      const doc = JSON.parse(body) as { resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const rs of doc.resourceSpans) {
        for (const ss of rs.scopeSpans) {
          for (const s of ss.spans) {
            const exception = s.events?.find((e) => e.name === 'exception');
            spans.push({
              name: s.name, kind: s.kind, status: s.status?.code ?? 0, resource: attrs(rs.resource.attributes), attrs: attrs(s.attributes),
              ms: (Number(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano)) / 1e6),
              ...(exception ? { exception: String(attrs(exception.attributes)['exception.message']) } : {}),
            });
          }
        }
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  const port = await listen(server, 0, 'OTLP receiver');
  return { url: `http://localhost:${port}`, spans, requests, close: () => closeServer(server) };
}

let browser: Browser;
let stack: Stack;
let fixtures: FixtureServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const TELEMETRY_CHUNKS = /\/assets\/(telemetry|exporter)-[\w-]+\.js$/;

beforeAll(async () => {
  receiver = await startReceiver();
  fixtures = await startFixtureServer();
  stack = await startStack({
    sso: false,
    cms: false,
    extraOrigins: [fixtures.url],
    configPatch: { telemetry: { endpoint: `${receiver.url}/v1/traces`, serviceName: 'atrium-e2e', batchDelayMs: 100, maxBatchSize: 16 } },
    extraEntries: () => [
      { name: 'fx_throws_in_mount', entry: `${fixtures.url}/fx_throws_in_mount/remoteEntry.js`, module: './app', version: '0.0.7', activeWhen: '/broken', region: 'main', title: 'Broken' },
      { name: 'fx_events_sender', entry: `${fixtures.url}/fx_events_sender/remoteEntry.js`, module: './app', version: '3.1.4', activeWhen: '/events', region: 'main', title: 'Sender', props: { throwLater: true } },
    ],
  });
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await fixtures?.close();
  await receiver?.close();
});

async function waitForSpans(test: (spans: Span[]) => boolean, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!test(receiver.spans)) {
    if (Date.now() > until) throw new Error(`no ${what} within 20 s; received: ${JSON.stringify(receiver.spans.map((s) => [s.name, s.attrs['atrium.mfe.name']]))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('per-MFE telemetry', () => {
  it('exports timings, API requests and errors as OTLP spans attributed to the MFE name and version', async () => {
    const { page, record, context } = await newPage(browser);
    const navigation = stack.manifest.mfes.find((m) => m['name'] === 'navigation');
    const markets = stack.manifest.mfes.find((m) => m['name'] === 'markets');
    await page.goto(`${stack.hostUrl}/markets`);
    await waitForSpans((spans) => spans.some((s) => s.name === 'atrium.mfe.mount' && s.attrs['atrium.mfe.name'] === 'navigation'), 'mount span of navigation');
    const mount = receiver.spans.find((s) => s.name === 'atrium.mfe.mount' && s.attrs['atrium.mfe.name'] === 'navigation')!;
    expect(mount.attrs).toMatchObject({ 'atrium.mfe.version': navigation?.['version'], 'atrium.mfe.step': 'mount' });
    expect(mount.resource).toMatchObject({ 'service.name': 'atrium-e2e', 'atrium.sample_rate': 1 });
    expect(receiver.spans.some((s) => s.name === 'atrium.mfe.load' && s.attrs['atrium.mfe.name'] === 'navigation' && s.ms > 0)).toBe(true);
    expect(receiver.requests.every((r) => r.contentType?.startsWith('application/json'))).toBe(true);
    // markets (the route) calls the third-party API through its props.apis: a client span with its name and status.
    await waitForSpans((spans) => spans.some((s) => s.kind === 3 && s.attrs['atrium.mfe.name'] === 'markets'), 'API span of markets');
    const api = receiver.spans.find((s) => s.kind === 3 && s.attrs['atrium.mfe.name'] === 'markets')!;
    expect(api).toMatchObject({ name: 'GET', attrs: { 'http.request.method': 'GET', 'http.response.status_code': 200, 'atrium.mfe.version': markets?.['version'] } });
    expect(String(api.attrs['url.full'])).toMatch(/\/rates$/);

    // A lifecycle error, attributed to the MFE whose mount threw.
    await page.evaluate(() => history.pushState(null, '', '/broken'));
    await waitForSpans((spans) => spans.some((s) => s.name === 'atrium.mfe.error' && s.attrs['atrium.mfe.name'] === 'fx_throws_in_mount'), 'lifecycle error span');
    const broken = receiver.spans.find((s) => s.name === 'atrium.mfe.error' && s.attrs['atrium.mfe.name'] === 'fx_throws_in_mount')!;
    expect(broken).toMatchObject({ status: 2, attrs: { 'atrium.mfe.step': 'mount', 'atrium.mfe.version': '0.0.7', 'atrium.error.kind': 'lifecycle' } });
    expect(broken.exception).toContain('fixture: mount failed on purpose');

    // An uncaught error thrown later by an MFE's own code (a timer), attributed by its stack.
    await page.evaluate(() => history.pushState(null, '', '/events'));
    await waitForSpans((spans) => spans.some((s) => s.attrs['atrium.error.kind'] === 'uncaught'), 'uncaught error span');
    const uncaught = receiver.spans.find((s) => s.attrs['atrium.error.kind'] === 'uncaught')!;
    expect(uncaught).toMatchObject({ status: 2, attrs: { 'atrium.mfe.name': 'fx_events_sender', 'atrium.mfe.version': '3.1.4' } });
    expect(uncaught.exception).toContain('uncaught error from fx_events_sender');
    expect(record.pageErrors).toEqual(['fixture: uncaught error from fx_events_sender']);

    // The recorder and the SDK are chunks of their own, fetched only after first content; the
    // development check of event payloads is not fetched at all (logLevel is not debug).
    const timing = await page.evaluate((pattern) => {
      const firstContent = performance.getEntriesByName('atrium:first-content')[0]?.startTime;
      const chunks = performance.getEntriesByType('resource').filter((r) => new RegExp(pattern).test(r.name));
      return { firstContent, chunks: chunks.map((r) => ({ name: r.name.replace(/^.*\/assets\//, '').replace(/-[\w-]+\.js$/, ''), start: r.startTime })) };
    }, TELEMETRY_CHUNKS.source);
    expect(timing.chunks.map((c) => c.name).sort()).toEqual(['exporter', 'telemetry']);
    for (const chunk of timing.chunks) expect(chunk.start).toBeGreaterThan(timing.firstContent!);
    expect(record.requests.filter((url) => /\/assets\/validate-/.test(url))).toEqual([]);
    await context.close();
  }, 90_000);

  it('loads no telemetry code and sends nothing when the deployment names no endpoint', async () => {
    const before = receiver.requests.length;
    const plain = await startStack({
      servers: false,
      cms: false,
      extraOrigins: [fixtures.url],
      extraEntries: () => [{ name: 'fx_events_sender', entry: `${fixtures.url}/fx_events_sender/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen: '/events', region: 'main', title: 'Sender' }],
    });
    try {
      const { page, record, context } = await newPage(browser);
      await page.goto(`${plain.hostUrl}/events`);
      await page.locator('.sender').waitFor();
      await page.waitForFunction(() => performance.getEntriesByName('atrium:first-content').length > 0);
      // Long enough for a recorder that would load after first content (it waits for an idle page).
      await page.waitForTimeout(1_500);
      expect(record.requests.filter((url) => TELEMETRY_CHUNKS.test(url) || /\/assets\/validate-/.test(url))).toEqual([]);
      expect(receiver.requests.length).toBe(before);
      await context.close();
    } finally {
      await plain.close();
    }
  }, 60_000);
});
