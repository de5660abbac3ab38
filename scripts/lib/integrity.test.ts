import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineIntegrityMap, integrityForDist, integrityImportMap } from './integrity.mjs';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-integrity-'));
fs.mkdirSync(path.join(dist, 'assets/nested'), { recursive: true });
fs.mkdirSync(path.join(dist, '.vite'));
const write = (file: string, body: string) => fs.writeFileSync(path.join(dist, file), body);
write('remoteEntry.js', 'export {}');
write('remoteEntry.js.br', 'compressed');
write('assets/app-1.js', 'console.log(1)');
write('assets/nested/style-2.css', 'p{}');
write('assets/logo.svg', '<svg/>');
write('mf-manifest.json', '{}');
write('.vite/manifest.json', '{}');
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

const sha384 = (body: string) => `sha384-${crypto.createHash('sha384').update(body).digest('base64')}`;

describe('integrityForDist', () => {
  it('hashes every JS and CSS file the browser may fetch, keyed by path relative to the entry', () => {
    expect(integrityForDist(dist)).toEqual({
      'assets/app-1.js': sha384('console.log(1)'),
      'assets/nested/style-2.css': sha384('p{}'),
      'remoteEntry.js': sha384('export {}'),
    });
  });

  it('says what is wrong with a folder that is not an MFE build', () => {
    expect(() => integrityForDist(path.join(dist, 'nope'))).toThrow(/is not a folder — build the MFE first/);
    expect(() => integrityForDist(path.join(dist, 'assets'))).toThrow(/has no remoteEntry\.js/);
  });
});

describe('integrityImportMap', () => {
  const entry = (url: string, files: Record<string, string>) => ({ entry: url, files });

  it('pins absolute URLs; the first entry to pin a URL wins; other origins are dropped', () => {
    const map = integrityImportMap({ mfes: [
      entry('https://cdn.example/a/remoteEntry.js', { 'remoteEntry.js': 'sha384-A', '../shared.js': 'sha384-S', 'https://evil.example/x.js': 'sha384-E' }),
      entry('https://cdn.example/b/remoteEntry.js', { '../shared.js': 'sha384-OTHER' }),
      { entry: 'https://cdn.example/c/remoteEntry.js' },
    ] });
    expect(JSON.parse(map!)).toEqual({ integrity: { 'https://cdn.example/a/remoteEntry.js': 'sha384-A', 'https://cdn.example/shared.js': 'sha384-S' } });
  });

  it('puts the map first in <head>, unable to close its tag, and leaves pages without pins alone', () => {
    const html = '<html><head><script type="module" src="/x.js"></script></head></html>';
    const out = inlineIntegrityMap(html, { mfes: [entry('https://cdn.example/a/remoteEntry.js', { 'x</script>.js': 'sha384-A' })] });
    expect(out).toMatch(/^<html><head><script type="importmap" id="atrium-integrity">\{.*\}<\/script><script type="module"/);
    expect(out.match(/<\/script>/g)).toHaveLength(2);
    expect(inlineIntegrityMap(html, { mfes: [] })).toBe(html);
  });
});
