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
  it('adds the origin with its redirect paths to the deployment and prints the snippet, the plugin setting and the IdP URIs', async () => {
    const { code, out } = await atrium('embed', 'add', 'https://Blog.Northwind.example', '--redirect', '/', '--redirect', '/travel/', '--json');
    expect(code, out).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({
      changed: true, origin: 'https://blog.northwind.example', redirectPaths: ['/', '/travel/'], hostUrl: 'http://localhost:5173',
      idp: { redirectUris: ['https://blog.northwind.example/', 'https://blog.northwind.example/travel/'], allowedCorsOrigins: ['https://blog.northwind.example'] },
      wordpress: { deploymentUrl: 'http://localhost:5173' },
    });
    expect(result.snippet).toContain('<script type="module" src="http://localhost:5173/embed.js" data-config="http://localhost:5173/atrium.config.json"></script>');
    expect(result.csp).toContain('script-src \'self\' http://localhost:5173');
    expect(result.csp).not.toContain('unsafe-inline');
    expect(embedders()).toContainEqual({ origin: 'https://blog.northwind.example', redirectPaths: ['/', '/travel/'] });
  });

  it('changes nothing when run again, and adds a new path to a listed origin', async () => {
    await atrium('embed', 'add', 'https://blog.northwind.example');
    const before = fs.readFileSync(file, 'utf8');
    const again = JSON.parse((await atrium('embed', 'add', 'https://blog.northwind.example/', '--json')).out);
    expect(again.changed).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    await atrium('embed', 'add', 'https://blog.northwind.example', '--redirect', '/news/');
    expect(embedders().filter((e) => e.origin === 'https://blog.northwind.example')).toEqual([{ origin: 'https://blog.northwind.example', redirectPaths: ['/', '/news/'] }]);
  });

  it('keeps the rest of the file as it was: the diff is the embedders list alone', async () => {
    const before = fs.readFileSync(file, 'utf8').split('\n');
    await atrium('embed', 'add', 'https://blog.northwind.example');
    const after = fs.readFileSync(file, 'utf8').split('\n');
    const added = after.filter((line) => !before.includes(line));
    expect(added.join('\n')).toContain('{ "origin": "https://blog.northwind.example", "redirectPaths": ["/"] }');
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

  it.each(['travel/', '//evil.example/', '/a/../b', '/x?next=https://evil.example', 'https://evil.example/'])('refuses the redirect path %s', async (redirect) => {
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

  it('lists the embedders and the URIs the IdP must know', async () => {
    await atrium('embed', 'add', 'https://blog.northwind.example');
    const { out } = await atrium('embed', 'list');
    expect(out).toContain('https://blog.northwind.example  sign-in returns to /');
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
