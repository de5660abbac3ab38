import { afterEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/index.js';
import { enforceIntegrity, fileIntegrity } from './integrity.js';
import { schemaChecks } from '../validation/schemas.js';

const policy = { allowedOrigins: new Set(['https://cdn.example.com']), regions: new Set(['main']), source: 'test', checks: schemaChecks };
const base = { name: 'markets', entry: 'https://cdn.example.com/markets/1.0.0/remoteEntry.js', module: './app', version: '1', activeWhen: '/m', region: 'main' };
const SRI = 'sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const OTHER = 'sha384-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

const entryWith = (files: Record<string, string>) => {
  const { entries, problems } = parseManifest({ version: 1, mfes: [{ ...base, files }] }, policy);
  expect(problems).toEqual([]);
  return entries[0]!;
};

afterEach(() => {
  for (const element of document.querySelectorAll('script[type="importmap"], link')) element.remove();
});

describe('fileIntegrity', () => {
  it('resolves each file against the entry URL', () => {
    expect([...fileIntegrity(entryWith({ 'remoteEntry.js': SRI, 'assets/app-1.js': OTHER }))]).toEqual([
      ['https://cdn.example.com/markets/1.0.0/remoteEntry.js', SRI],
      ['https://cdn.example.com/markets/1.0.0/assets/app-1.js', OTHER],
    ]);
  });

  it('refuses files that leave the entry\'s origin or hashes that are not SRI, naming the field', () => {
    for (const files of [{ 'https://evil.example.net/x.js': SRI }, { '//evil.example.net/x.js': SRI }, { 'a.js': 'md5-xyz' }, {}]) {
      const { entries, problems } = parseManifest({ version: 1, mfes: [{ ...base, files }] }, policy);
      expect(entries).toEqual([]);
      expect(problems[0]?.field).toBe('files');
    }
  });
});

describe('enforceIntegrity', () => {
  it('does nothing for an entry without files', async () => {
    const { entries } = parseManifest({ version: 1, mfes: [base] }, policy);
    await enforceIntegrity(entries[0]!);
    expect(document.querySelectorAll('script[type="importmap"]')).toHaveLength(0);
  });

  it('falls back to verifying preloads of every JS file when the browser does not apply the import map (here: no import maps at all)', () => {
    void enforceIntegrity(entryWith({ 'remoteEntry.js': SRI, 'assets/app-1.js': OTHER, 'assets/style.css': OTHER })).catch(() => undefined);
    const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((l) => [l.href, l.integrity, l.crossOrigin]);
    expect(links).toEqual([
      ['https://cdn.example.com/markets/1.0.0/remoteEntry.js', SRI, 'anonymous'],
      ['https://cdn.example.com/markets/1.0.0/assets/app-1.js', OTHER, 'anonymous'],
    ]);
  });

  it('refuses an entry whose file the page already pins to another hash', async () => {
    const map = document.createElement('script');
    map.type = 'importmap';
    map.textContent = JSON.stringify({ integrity: { 'https://cdn.example.com/markets/1.0.0/remoteEntry.js': OTHER } });
    document.head.append(map);
    await expect(enforceIntegrity(entryWith({ 'remoteEntry.js': SRI }))).rejects.toThrow(/already pins https:\/\/cdn\.example\.com\/markets\/1\.0\.0\/remoteEntry\.js to another hash/);
  });

  it('adds nothing when the page\'s import map already pins every file', async () => {
    const map = document.createElement('script');
    map.type = 'importmap';
    map.textContent = JSON.stringify({ integrity: { 'https://cdn.example.com/markets/1.0.0/remoteEntry.js': SRI } });
    document.head.append(map);
    await enforceIntegrity(entryWith({ 'remoteEntry.js': SRI }));
    expect(document.querySelectorAll('script[type="importmap"]')).toHaveLength(1);
    expect(document.querySelectorAll('link[rel="modulepreload"]')).toHaveLength(0);
  });
});
