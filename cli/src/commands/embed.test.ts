// @vitest-environment node
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.mjs';
import { readEmbedders } from '../lib/embedders.mjs';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-embed-'));
  file = path.join(dir, 'atrium.dev.json');
  fs.copyFileSync(path.join(import.meta.dirname, '../../../atrium.dev.json'), file);
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function atrium(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--deployment', file], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {} });
  return { code, out, err };
}

const embedders = () => readEmbedders(JSON.parse(fs.readFileSync(file, 'utf8')).embedders);

describe('atrium embed add', () => {
  it('adds the origin with its one callback to the deployment and prints the snippet, the callback page, the plugin setting and the IdP URI', async () => {
    const { code, out } = await atrium('embed', 'add', 'https://Blog.Northwind.example', '--json');
    expect(code, out).toBe(0);
    const result = JSON.parse(out);
    const callback = 'https://blog.northwind.example/atrium/callback/';
    expect(result).toMatchObject({
      changed: true, origin: 'https://blog.northwind.example', callbackPath: '/atrium/callback/', hostUrl: 'http://localhost:5173',
      idp: { redirectUris: [callback], postLogoutRedirectUris: [callback], allowedCorsOrigins: ['https://blog.northwind.example'] },
      wordpress: { deploymentUrl: 'http://localhost:5173' },
    });
    expect(result.snippet).toContain('<script type="module" src="http://localhost:5173/embed.js" data-config="http://localhost:5173/atrium.config.json"></script>');
    expect(result.snippet.split('\n')[0]).toBe('<link rel="preload" as="fetch" crossorigin href="http://localhost:5173/atrium.config.json">');
    // The callback page: the script and a place for its message, no widget, no referrer.
    expect(result.callbackPage).toContain('<p data-atrium-callback>');
    expect(result.callbackPage).toContain('<meta name="referrer" content="no-referrer">');
    expect(result.callbackPage).not.toContain('<atrium-widget');
    expect(result.csp).toContain('script-src \'self\' http://localhost:5173');
    expect(result.csp).not.toContain('unsafe-inline');
    expect(embedders()).toContainEqual({ origin: 'https://blog.northwind.example', callbackPath: '/atrium/callback/' });
    const text = await atrium('embed', 'add', 'https://blog.northwind.example');
    expect(text.out).toContain(`redirect URI              ${callback}`);
    expect(text.out).toContain(`post-logout redirect URI  ${callback}`);
  });

  it('changes nothing when run again, and moves the one callback with --redirect, saying so', async () => {
    await atrium('embed', 'add', 'https://blog.northwind.example');
    const before = fs.readFileSync(file, 'utf8');
    const again = JSON.parse((await atrium('embed', 'add', 'https://blog.northwind.example/', '--json')).out);
    expect(again.changed).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const moved = await atrium('embed', 'add', 'https://blog.northwind.example', '--redirect', '/index.php/atrium/callback/');
    expect(moved.out).toContain('Its callback moved from https://blog.northwind.example/atrium/callback/ to https://blog.northwind.example/index.php/atrium/callback/: change it at the IdP too.');
    expect(embedders().filter((e) => e.origin === 'https://blog.northwind.example')).toEqual([{ origin: 'https://blog.northwind.example', callbackPath: '/index.php/atrium/callback/' }]);
  });

  it('refuses a second callback: every page returns through one', async () => {
    const { code, out } = await atrium('embed', 'add', 'https://blog.northwind.example', '--redirect', '/', '--redirect', '/travel/', '--json');
    expect(code).toBe(1);
    const { error } = JSON.parse(out);
    expect(error.code).toBe('bad-redirect');
    expect(error.message).toContain('one callback per site');
    expect(embedders().some((e) => e.origin === 'https://blog.northwind.example')).toBe(false);
  });

  it('keeps the rest of the file as it was: the diff is the embedders list alone', async () => {
    const before = fs.readFileSync(file, 'utf8').split('\n');
    await atrium('embed', 'add', 'https://blog.northwind.example');
    const after = fs.readFileSync(file, 'utf8').split('\n');
    const added = after.filter((line) => !before.includes(line));
    expect(added.join('\n')).toContain('{ "origin": "https://blog.northwind.example", "callbackPath": "/atrium/callback/" }');
    expect(before.filter((line) => !after.includes(line) && !line.includes('embedders') && !line.includes('localhost:5500'))).toEqual([]);
  });

  it.each([
    ['a path', 'https://blog.northwind.example/travel', 'use "https://blog.northwind.example" and pass the page path as --redirect /travel'],
    ['a wildcard', 'https://*.northwind.example', 'contains a wildcard'],
    ['javascript:', 'javascript:alert(document.domain)', 'is a javascript: URL, not a web origin'],
    ['plain http on a public host', 'http://blog.northwind.example', 'use https'],
    ['not a URL', 'blog.northwind.example', 'is not a URL'],
    ['credentials', 'https://user:pw@blog.northwind.example', 'carries credentials'],
  ])('refuses %s with a clear error and leaves the file alone', async (_, origin, message) => {
    const before = fs.readFileSync(file, 'utf8');
    const { code, out } = await atrium('embed', 'add', origin, '--json');
    expect(code).toBe(1);
    const { error } = JSON.parse(out);
    expect(error.code).toBe('not-an-origin');
    expect(error.message).toContain(message);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it.each(['/', 'travel/', '//evil.example/', '/a/../b', '/x?next=https://evil.example', 'https://evil.example/'])('refuses the redirect path %s', async (redirect) => {
    const { code, err } = await atrium('embed', 'add', 'https://blog.northwind.example', '--redirect', redirect);
    expect(code).toBe(1);
    expect(err).toContain(`redirect "${redirect}"`);
    expect(embedders().some((e) => e.origin === 'https://blog.northwind.example')).toBe(false);
  });

  it('prints the snippet for another deployment with --host-url, and no local CSP for it', async () => {
    const result = JSON.parse((await atrium('embed', 'add', 'https://blog.northwind.example', '--host-url', 'https://app.northwind.example', '--json')).out);
    expect(result.snippet).toContain('src="https://app.northwind.example/embed.js" data-config="https://app.northwind.example/atrium.config.json"');
    expect(result.wordpress.deploymentUrl).toBe('https://app.northwind.example');
    expect(result.csp).toBeNull();
    const refused = await atrium('embed', 'add', 'https://blog.northwind.example', '--host-url', 'https://app.northwind.example/x?y');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--host-url');
  });

  it('lists the embedders with the callback the IdP must know', async () => {
    await atrium('embed', 'add', 'https://blog.northwind.example');
    const { out } = await atrium('embed', 'list');
    expect(out).toContain('https://blog.northwind.example  callback https://blog.northwind.example/atrium/callback/');
    const listed = JSON.parse((await atrium('embed', 'list', '--json')).out);
    expect(listed.embedders).toContainEqual({ origin: 'https://blog.northwind.example', callbackPath: '/atrium/callback/', callbackUri: 'https://blog.northwind.example/atrium/callback/' });
  });

  it('reads an older file listing pages (redirectPaths) as the default callback, and rewrites it on the next change', async () => {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...doc, embedders: [{ origin: 'https://old.example', redirectPaths: ['/', '/travel/'] }] }, null, 2));
    expect(embedders()).toEqual([{ origin: 'https://old.example', callbackPath: '/atrium/callback/' }]);
    await atrium('embed', 'add', 'https://blog.northwind.example');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).embedders).toEqual([
      { origin: 'https://old.example', callbackPath: '/atrium/callback/' },
      { origin: 'https://blog.northwind.example', callbackPath: '/atrium/callback/' },
    ]);
  });

  it('says how to fix a hand-edited deployment whose embedder is not an origin', async () => {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...doc, embedders: [{ origin: 'https://blog.example/path' }] }));
    const { code, err } = await atrium('embed', 'list');
    expect(code).toBe(2);
    expect(err).toContain('embedders[0].origin');
    expect(err).toContain('fix the file by hand first');
  });
});

describe('atrium embed remove', () => {
  it('removes the origin from the deployment and says what to delete at a production IdP', async () => {
    await atrium('embed', 'add', 'https://blog.northwind.example');
    const { code, out } = await atrium('embed', 'remove', 'https://blog.northwind.example/', '--json');
    expect(code, out).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      removed: 'https://blog.northwind.example',
      allowedEmbedders: ['http://localhost:5500'],
      idp: { redirectUris: ['https://blog.northwind.example/atrium/callback/'], allowedCorsOrigins: ['https://blog.northwind.example'] },
    });
    expect(embedders()).toEqual([{ origin: 'http://localhost:5500', callbackPath: '/atrium/callback/' }]);
    await atrium('embed', 'add', 'https://blog.northwind.example');
    const text = await atrium('embed', 'remove', 'https://blog.northwind.example');
    expect(text.out).toContain('https://blog.northwind.example may no longer show widgets');
    expect(text.out).toContain('delete that site\'s widget client');
  });

  it('refuses an origin that is not listed, naming the listed ones, and leaves the file alone', async () => {
    const before = fs.readFileSync(file, 'utf8');
    const { code, out } = await atrium('embed', 'remove', 'https://nobody.example', '--json');
    expect(code).toBe(1);
    const { error } = JSON.parse(out);
    expect(error).toMatchObject({ code: 'unknown-embedder', origin: 'https://nobody.example', embedders: ['http://localhost:5500'] });
    expect(error.message).toContain('https://nobody.example is not an embedder');
    expect(error.message).toContain('listed: http://localhost:5500');
    const notOrigin = await atrium('embed', 'remove', 'https://nobody.example/blog', '--json');
    expect(JSON.parse(notOrigin.out).error.code).toBe('not-an-origin');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});
