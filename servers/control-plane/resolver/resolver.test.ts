// @vitest-environment node
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeMfe, promote, publish, rollback } from '../releases/index.mjs';
import { openFileStore } from '../store/index.mjs';
import { createResolver } from './resolver.mjs';

const TEMPLATE = '<!doctype html><html><head></head><body><script type="application/json" id="atrium-config"></script><script type="application/json" id="atrium-manifest"></script></body></html>';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-resolver-'));
const file = path.join(dir, 'state.json');
const entry = (name: string, version: string) => ({ name, version, entry: `https://cdn.example/${name}/${version}/remoteEntry.js`, module: './app', activeWhen: `/${name}`, region: 'main' });
const closers: (() => Promise<unknown>)[] = [];

async function serve(health = {}) {
  const store = openFileStore(file);
  const resolver = await createResolver({ store, template: TEMPLATE, config: () => ({ title: 't' }), health: { flushMs: 50, ...health } });
  const server = http.createServer((req, res) => {
    if (!resolver.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await resolver.close();
    await store.close();
  });
  return { url, resolver, store };
}

/** One page load: the manifest inlined in the HTML, and the visitor cookie it set, if any. */
async function visit(url: string, cookie?: string) {
  const response = await fetch(`${url}/accounts`, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  const manifest = JSON.parse(/id="atrium-manifest"[^>]*>(.*?)<\/script>/.exec(html)![1]!);
  const setCookie = response.headers.get('set-cookie')?.split(';')[0];
  return { manifest, setCookie, versions: Object.fromEntries(manifest.mfes.map((m: any) => [m.name, m.version])) as Record<string, string> };
}

const admin = openFileStore(file);
beforeAll(async () => {
  for (const name of ['accounts', 'insights']) {
    for (const version of ['1.0.0', '1.1.0']) await changeMfe(admin, name, (r) => publish(r, { version, entry: entry(name, version), by: 'ci' }));
    await changeMfe(admin, name, (r) => promote(r, { version: '1.0.0', by: 'ci' }));
  }
});
afterAll(async () => {
  for (const close of closers) await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('resolver', () => {
  it('gives 10 % of 2,000 new visitors the canary (±3 points), each keeping their version over 3 reloads', async () => {
    const { url, resolver } = await serve();
    const { revision } = await changeMfe(admin, 'accounts', (r) => promote(r, { version: '1.1.0', percent: 10, by: 'ci' }));
    await resolver.refresh();
    let canary = 0;
    // 2,000 visitors, 50 at a time; every 20th reloads 3 times with its cookie.
    for (let batch = 0; batch < 40; batch++) {
      await Promise.all(Array.from({ length: 50 }, async (_, j) => {
        const first = await visit(url);
        expect(first.setCookie).toMatch(/^atrium_vid=[A-Za-z0-9_-]{16,}$/);
        expect(first.manifest.revision).toBe(revision);
        if (first.versions['accounts'] === '1.1.0') canary++;
        expect(first.versions['insights']).toBe('1.0.0');
        if (j % 20 !== 0) return;
        for (let reload = 0; reload < 3; reload++) {
          const again = await visit(url, first.setCookie);
          expect(again.setCookie).toBeUndefined();
          expect(again.versions).toEqual(first.versions);
        }
      }));
    }
    // Visitor ids are random: one standard deviation of a fair 10 % split of 2,000 is 0.67 points,
    // so 3 points is 4.5 of them (a fair split fails this once in ≈ 150,000 runs; at 2 points, 3
    // standard deviations, it failed a CI run). A broken split — none, all, 20 % — is far outside.
    expect(Math.abs((canary / 2_000) * 100 - 10)).toBeLessThanOrEqual(3);
  }, 60_000);

  it('shows a rollback on two instances within a second (they watch the store)', async () => {
    const a = await serve();
    const b = await serve();
    const visitor = (await visit(a.url)).setCookie!;
    await changeMfe(admin, 'insights', (r) => promote(r, { version: '1.1.0', by: 'ci' }));
    for (const instance of [a, b]) {
      while ((await visit(instance.url, visitor)).versions['insights'] !== '1.1.0') await new Promise((r) => setTimeout(r, 10));
    }
    const start = Date.now();
    const { revision } = await changeMfe(admin, 'insights', (r) => rollback(r, { by: 'oncall' }));
    for (const instance of [a, b]) {
      while ((await visit(instance.url, visitor)).versions['insights'] !== '1.0.0') {
        expect(Date.now() - start).toBeLessThan(1_000);
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(instance.resolver.revision).toBeGreaterThanOrEqual(revision);
    }
  });

  it('renders each path\'s boot graph: the planned chunks of the MFEs that path shows, at the visitor\'s versions', async () => {
    const own = openFileStore(path.join(dir, 'graph.json'));
    const planned = (name: string, version: string, activeWhen: string) => ({
      ...entry(name, version), activeWhen, boot: { module: 'assets/app.js', shares: ['@atrium/shared'] }, files: { 'assets/app.js': `sha384-${name}${version}` },
    });
    for (const [name, when] of [['nav', 'always'], ['accounts', '/accounts'], ['markets', '/markets']] as const) {
      await changeMfe(own, name, (r) => publish(r, { version: '1.0.0', entry: planned(name, '1.0.0', when), by: 'ci' }));
      await changeMfe(own, name, (r) => promote(r, { version: '1.0.0', by: 'ci' }));
    }
    const template = TEMPLATE.replace('</head>', '<script type="module" crossorigin src="/assets/index-x.js"></script></head>');
    const resolver = await createResolver({ store: own, template, config: () => ({ title: 't', home: '/accounts', allowedOrigins: ['https://cdn.example'], overrides: { enabled: false } }) });
    closers.push(async () => {
      await resolver.close();
      await own.close();
    });
    const graphAt = (pathname: string) => {
      let html = '';
      const res = { setHeader() {}, end(body: string) { html = body; } };
      resolver.handle({ url: pathname, method: 'GET', headers: {} } as never, res as never);
      return /data-modules="([^"]*)"/.exec(html)?.[1]?.split(' ');
    };
    const chunk = (name: string) => `https://cdn.example/${name}/1.0.0/assets/app.js`;
    expect(graphAt('/accounts/1')).toEqual([chunk('nav'), chunk('accounts')]);
    expect(graphAt('/markets')).toEqual([chunk('nav'), chunk('markets')]);
    expect(graphAt('/')).toEqual([chunk('nav'), chunk('accounts')]);
    expect(graphAt('/elsewhere')).toEqual([chunk('nav')]);
  });

  it('replaces a forged or malformed visitor cookie instead of trusting it', async () => {
    const { url } = await serve();
    const forged = await visit(url, 'atrium_vid=<script>');
    expect(forged.setCookie).toMatch(/^atrium_vid=[A-Za-z0-9_-]{16,}$/);
  });

  it('rolls back a canary that fails more than the live version, and says why in history', async () => {
    const { url, resolver } = await serve({ budget: 10, minSessions: 6 });
    await changeMfe(admin, 'accounts', (r) => promote(r, { version: '1.1.0', percent: 50, by: 'ci' }));
    await resolver.refresh();
    const beacon = (session: string, version: string, kind: string) =>
      fetch(`${url}/atrium/health`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ session, events: [{ mfe: 'accounts', version, kind }] }) });
    // Reports about a version that is not live or canary are not counted (a forged beacon).
    for (let i = 0; i < 10; i++) expect((await beacon(`forged-session-${i}`, '6.6.6', 'load')).status).toBe(204);
    for (let i = 0; i < 6; i++) {
      await beacon(`live-session-${i}`, '1.0.0', 'mounted');
      await beacon(`canary-session-${i}`, '1.1.0', i < 3 ? 'mount' : 'mounted');
    }
    const start = Date.now();
    let record;
    do {
      await new Promise((r) => setTimeout(r, 50));
      record = (await admin.get('/atrium/mfes/accounts'))!.value;
    } while (record.canary && Date.now() - start < 5_000);
    expect(record.canary).toBeNull();
    expect(record.live).toBe('1.0.0');
    expect(record.history.at(-1)).toMatchObject({ action: 'auto-rollback', from: '1.1.0', version: '1.0.0' });
    expect(record.history.at(-1).why).toMatch(/canary 1\.1\.0 failed in 3 of 6 sessions \(50\.0 %\) against live 1\.0\.0 0 of 6 \(0\.0 %\)/);
    expect(record.history.at(-1).by).toMatch(/^resolver .* \(health check\)$/);
  });
});
