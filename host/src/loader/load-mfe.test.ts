import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/index.js';
import { entryUrlFor } from './load-mfe.js';
import { schemaChecks } from '../validation/schemas.js';

const [entry] = parseManifest(
  { version: 1, mfes: [{ name: 'accounts', entry: 'https://cdn.example.com/accounts/remoteEntry.js?v=2', module: './app', version: '2', activeWhen: '/a', region: 'main' }] },
  { allowedOrigins: new Set(['https://cdn.example.com']), regions: new Set(['main']), source: 'test', checks: schemaChecks },
).entries;

describe('entryUrlFor', () => {
  it('loads the manifest URL unchanged the first time', () => {
    expect(entryUrlFor(entry!, 0)).toBe('https://cdn.example.com/accounts/remoteEntry.js?v=2');
  });

  it('busts the cache on a retry, with one URL per attempt', () => {
    const first = entryUrlFor(entry!, 1);
    expect(first).toMatch(/^https:\/\/cdn\.example\.com\/accounts\/remoteEntry\.js\?v=2&atrium-retry=1-/);
    // Preload and import of the same attempt must ask for the same URL.
    expect(entryUrlFor(entry!, 1)).toBe(first);
    expect(entryUrlFor(entry!, 2)).not.toBe(first);
  });
});
