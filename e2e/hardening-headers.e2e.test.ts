import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import { startStack } from '../scripts/lib/stack.mjs';
import { inlineScriptHashes } from '../scripts/lib/security-headers.mjs';
import { listen, closeServer } from '../scripts/lib/ports.mjs';
import { ROOT } from './support/paths.js';

// Every server `npm start` runs, as an attacker or a browser sees it: the headers really sent.

type StartedStack = Awaited<ReturnType<typeof startStack>>;
let browser: Browser;
let stack: StartedStack;
let attacker: { url: string; close(): Promise<void> };
const EVIL = 'https://evil.example.net';

/** A page on another origin that frames `target`. */
async function startAttacker(): Promise<{ url: string; close(): Promise<void> }> {
  let target = '';
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/set?')) {
      target = new URL(req.url, 'http://x').searchParams.get('target') ?? '';
      return res.end('ok');
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>attacker</title><iframe id="victim" src="${target}" width="800" height="600"></iframe>`);
  });
  const port = await listen(server, 0, 'attacker');
  return { url: `http://localhost:${port}`, close: () => closeServer(server) };
}

beforeAll(async () => {
  attacker = await startAttacker();
  stack = await startStack({ ephemeral: true });
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await attacker?.close();
});

const get = (url: string, origin?: string, headers: Record<string, string> = {}) => fetch(url, { headers: { ...headers, ...(origin ? { Origin: origin } : {}) } });
const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';

describe('headers shipped by every server npm start runs', () => {
  it('host page: a CSP generated from the deployment (MFE, API and IdP origins, the page\'s inline scripts by hash), no framing, nosniff, referrer policy, COOP', async () => {
    const response = await get(`${stack.hostUrl}/accounts`);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = directive(csp, 'script-src');
    for (const origin of Object.values(stack.urls)) expect(scriptSrc).toContain(origin);
    for (const hash of inlineScriptHashes(html)) expect(scriptSrc).toContain(hash);
    // The integrity import map only: `npm start` turns developer overrides on, so the resolver
    // renders no boot graph (an override must not find the manifest's version already run) and
    // preloads the path's chunks with <link> tags, not the static page's inline script.
    expect(inlineScriptHashes(html)).toHaveLength(1);
    expect(html).toContain('<script type="importmap" id="atrium-integrity">');
    // No inline or eval allowance, no wildcard or scheme-wide source (http://localhost:* is the
    // local deployment's override allow-list: a port wildcard on loopback only).
    expect(scriptSrc.split(' ').filter((source) => ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:', 'data:', 'blob:'].includes(source))).toEqual([]);
    expect(csp).not.toContain('unsafe-eval');
    const connect = directive(csp, 'connect-src');
    for (const server of [stack.servers!.customerApi.url, stack.servers!.thirdPartyApi.url, stack.servers!.idp.url]) expect(connect).toContain(new URL(server).origin);
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(Object.fromEntries(['x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy', 'x-frame-options'].map((h) => [h, response.headers.get(h)]))).toEqual({
      'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin', 'cross-origin-opener-policy': 'same-origin', 'x-frame-options': 'DENY',
    });
  });

  it('MFE files: nosniff, CORS for the deployment\'s origins only (never *), immutable caching for hashed files only', async () => {
    for (const [name, origin] of Object.entries(stack.urls)) {
      const entry = stack.manifest.mfes.find((m) => m['name'] === name) as { files: Record<string, string> };
      const hashed = Object.keys(entry.files).find((file) => file.startsWith('assets/'))!;
      const fromHost = await get(`${origin}/remoteEntry.js`, stack.hostUrl);
      expect(fromHost.headers.get('access-control-allow-origin')).toBe(stack.hostUrl);
      expect(fromHost.headers.get('x-content-type-options')).toBe('nosniff');
      expect(fromHost.headers.get('cache-control')).toBe('no-cache');
      expect(fromHost.headers.get('vary')).toContain('Origin');
      const fromCms = await get(`${origin}/${hashed}`, stack.cmsUrl);
      expect(fromCms.headers.get('access-control-allow-origin')).toBe(stack.cmsUrl);
      expect(fromCms.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const fromEvil = await get(`${origin}/${hashed}`, EVIL);
      expect(fromEvil.headers.get('access-control-allow-origin')).toBeNull();
      expect(fromEvil.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('host files (embed.js, config, manifest): nosniff and CORS for the embedders only', async () => {
    for (const file of ['/embed.js', '/atrium.config.json', '/manifest.json']) {
      const fromCms = await get(`${stack.hostUrl}${file}`, stack.cmsUrl);
      expect(fromCms.status).toBe(200);
      expect(fromCms.headers.get('access-control-allow-origin')).toBe(stack.cmsUrl);
      expect(fromCms.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await get(`${stack.hostUrl}${file}`, EVIL)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('CMS page: its CSP as a header (no inline script, no eval), nosniff', async () => {
    const response = await get(`${stack.cmsUrl}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(directive(csp, 'script-src')).toContain(stack.hostUrl);
    expect(csp).not.toContain('unsafe-eval');
    expect(directive(csp, 'script-src')).not.toContain("'unsafe-inline'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('APIs and the IdP: nosniff; the APIs and the token endpoint do not answer a stranger\'s origin', async () => {
    const { customerApi, thirdPartyApi, idp } = stack.servers!;
    for (const url of [`${thirdPartyApi.url}/rates?base=EUR`, `${customerApi.url}/accounts`, `${idp.issuer}/.well-known/openid-configuration`]) {
      expect((await get(url, EVIL)).headers.get('x-content-type-options'), url).toBe('nosniff');
    }
    expect((await get(`${customerApi.url}/accounts`, EVIL)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await get(`${customerApi.url}/accounts`, stack.hostUrl)).headers.get('access-control-allow-origin')).toBe(stack.hostUrl);
    // The third-party API stands for a public one we do not own: open to all, never with credentials.
    const rates = await get(`${thirdPartyApi.url}/rates?base=EUR`, EVIL);
    expect(rates.headers.get('access-control-allow-credentials')).toBeNull();
    // Discovery is public metadata (any origin may read it); the token endpoint answers only the
    // client's own origins.
    const token = (origin: string) => fetch(`${idp.issuer}/token`, {
      method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=stolen&client_id=atrium-host',
    });
    expect((await token(EVIL)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await token(stack.hostUrl)).headers.get('access-control-allow-origin')).toBe(stack.hostUrl);
  });
});

describe('in Chromium, under the shipped CSP with Trusted Types', () => {
  it('refuses to be framed by another origin', async () => {
    await get(`${attacker.url}/set?target=${encodeURIComponent(`${stack.hostUrl}/accounts`)}`);
    const { page, context } = await newPage(browser);
    const hostRequests: string[] = [];
    page.on('request', (request) => request.frame() !== page.mainFrame() && hostRequests.push(request.url()));
    await page.goto(attacker.url);
    await page.waitForTimeout(1_000);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // The browser replaced the refused document with its error page: no host code ran in it.
    expect(frame?.url()).not.toBe(`${stack.hostUrl}/accounts`);
    expect(hostRequests.filter((url) => url.includes('/assets/'))).toEqual([]);
    await context.close();
  });

  it('is framed by an origin the deployment lists in frameAncestors (the refusal above is the policy)', async () => {
    const embeddable = await startStack({ ephemeral: true, servers: false, cms: false, frameAncestors: [attacker.url] });
    try {
      await get(`${attacker.url}/set?target=${encodeURIComponent(`${embeddable.hostUrl}/insights`)}`);
      const { page, context } = await newPage(browser);
      await page.goto(attacker.url);
      const frame = page.frameLocator('#victim');
      await frame.getByRole('heading', { name: 'Spending insights' }).waitFor();
      await context.close();
    } finally {
      await embeddable.close();
    }
  });

  it('runs every MFE without a single CSP or Trusted Types violation, and the policy is really enforced', async () => {
    const { page, context, record } = await newPage(browser);
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${stack.hostUrl}/accounts`);
    await page.getByRole('link', { name: 'Markets' }).waitFor();
    for (const [link, proof] of [['Spending insights', () => page.getByRole('heading', { name: 'Spending insights' })], ['Markets', () => page.getByText(/1 EUR buys/)]] as const) {
      await page.getByRole('link', { name: link }).click();
      await proof().first().waitFor();
    }
    await expect(page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).resolves.toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await expectEnforced(page);
    await context.close();
  });
});

async function expectEnforced(page: Page): Promise<void> {
  const result = await page.evaluate(() => {
    const attempt = (inject: () => void) => {
      try {
        inject();
        return 'accepted';
      } catch (error) {
        return (error as Error).name;
      }
    };
    const text = attempt(() => {
      document.createElement('script').textContent = 'window.__injected = "textContent"';
    });
    const html = attempt(() => document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="window.__injected = \'onerror\'">'));
    // A script built from a text node gets past the setter; CSP still refuses to run it.
    const script = document.createElement('script');
    script.append(document.createTextNode('window.__injected = "node"'));
    document.head.append(script);
    return { text, html, injected: (window as unknown as { __injected?: string }).__injected ?? 'nothing ran' };
  });
  // Strings into script and HTML sinks are refused by Trusted Types; inline script by CSP.
  expect(result).toEqual({ text: 'TypeError', html: 'TypeError', injected: 'nothing ran' });
}

describe('atrium headers: the same headers for nginx', () => {
  it('prints a config with which Debian nginx sends what the shipped server sends', async () => {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-nginx-'));
    const served = await get(`${stack.hostUrl}/accounts`, undefined, { 'Accept-Encoding': 'identity' });
    const root = path.join(temp, 'root');
    const mfeDist = path.join(ROOT, 'mfes/markets/dist');
    fs.cpSync(mfeDist, root, { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), await served.text());
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'cli/bin/atrium.mjs'), 'headers', '--page', path.join(root, 'index.html'), '--cors-origin', stack.hostUrl, '--json'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const { parts, nginx } = JSON.parse(cli.stdout) as { parts: { http: string; server: string }; nginx: string };
    expect(nginx).toContain('add_header Content-Security-Policy');
    const port = await freePort();
    fs.writeFileSync(path.join(temp, 'nginx.conf'), [
      `pid ${temp}/nginx.pid; error_log ${temp}/error.log; daemon off; events {}`,
      `http { access_log off; include /etc/nginx/mime.types; client_body_temp_path ${temp}/body; proxy_temp_path ${temp}/proxy; fastcgi_temp_path ${temp}/fcgi; uwsgi_temp_path ${temp}/uwsgi; scgi_temp_path ${temp}/scgi;`,
      parts.http,
      `server { listen 127.0.0.1:${port}; root ${root};`, parts.server, '} }',
    ].join('\n'));
    // nginx's workers drop root: the page and files must be readable to them.
    for (const dir of [temp, root, path.join(root, 'assets')]) fs.chmodSync(dir, 0o755);
    const nginxProcess = spawn('/usr/sbin/nginx', ['-p', temp, '-c', path.join(temp, 'nginx.conf')], { stdio: 'ignore' });
    try {
      const base = `http://127.0.0.1:${port}`;
      await expect.poll(() => fetch(`${base}/index.html`).then((r) => r.status, () => 0), { timeout: 10_000 }).toBe(200);
      const page = await get(`${base}/accounts`);
      for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy', 'x-frame-options']) {
        expect(page.headers.get(name), name).toBe(served.headers.get(name));
      }
      const entry = await get(`${base}/remoteEntry.js`, stack.hostUrl);
      const shipped = await get(`${stack.urls['markets']}/remoteEntry.js`, stack.hostUrl);
      const hashedFile = fs.readdirSync(path.join(root, 'assets')).find((f) => f.endsWith('.js'))!;
      const hashed = await get(`${base}/assets/${hashedFile}`, EVIL);
      expect({
        cors: entry.headers.get('access-control-allow-origin'), cache: entry.headers.get('cache-control'), nosniff: entry.headers.get('x-content-type-options'),
        hashedCache: hashed.headers.get('cache-control'), strangerCors: hashed.headers.get('access-control-allow-origin'),
      }).toEqual({
        cors: shipped.headers.get('access-control-allow-origin'), cache: shipped.headers.get('cache-control'), nosniff: 'nosniff',
        hashedCache: 'public, max-age=31536000, immutable', strangerCors: null,
      });
    } finally {
      nginxProcess.kill('SIGTERM');
      await new Promise((resolve) => nginxProcess.once('exit', resolve));
      fs.rmSync(temp, { recursive: true, force: true });
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}
