import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/index.js';
import { attachStylesheets, stylesheetUrls } from './styles.js';
import { schemaChecks } from '../validation/schemas.js';

const policy = { allowedOrigins: new Set(['https://cdn.example.com']), regions: new Set(['main']), source: 'test', checks: schemaChecks };
const base = { name: 'markets', entry: 'https://cdn.example.com/markets/1.0.0/remoteEntry.js', module: './app', version: '1', activeWhen: '/m', region: 'main' };

describe('stylesheetUrls', () => {
  it('resolves the entry\'s css against its URL', () => {
    const { entries } = parseManifest({ version: 1, mfes: [{ ...base, css: ['assets/style-x1.css'] }] }, policy);
    expect(stylesheetUrls(entries[0]!)).toEqual(['https://cdn.example.com/markets/1.0.0/assets/style-x1.css']);
  });

  it('rejects css paths that could leave the entry\'s origin, naming the field', () => {
    for (const css of ['https://evil.example.net/x.css', '//evil.example.net/x.css', '\\\\evil.example.net/x.css', '/x.css', 'javascript:alert(1)']) {
      const { entries, problems } = parseManifest({ version: 1, mfes: [{ ...base, css: [css] }] }, policy);
      expect(entries).toEqual([]);
      expect(problems[0]?.field).toBe('css');
    }
  });
});

describe('attachStylesheets', () => {
  it('pins each link to the hash the entry gives its file, before anything of the entry has loaded', () => {
    // A widget attaches its styles while its code is still loading: nothing has pinned the
    // entry's files yet, and the first widget's link once went out without a hash (a tampered
    // stylesheet applied, and the CMS page's early preload of it fetched twice).
    const sri = 'sha384-' + 'A'.repeat(64);
    const { entries } = parseManifest({ version: 1, mfes: [{ ...base, css: ['assets/style-x1.css', 'assets/extra.css'], files: { 'assets/style-x1.css': sri } }] }, policy);
    const root = document.createElement('div');
    attachStylesheets(entries[0]!, root).catch(() => undefined);
    const links = [...root.querySelectorAll('link')].map((l) => ({ href: l.href, integrity: l.integrity || null, crossOrigin: l.getAttribute('crossorigin') }));
    expect(links).toEqual([
      { href: 'https://cdn.example.com/markets/1.0.0/assets/style-x1.css', integrity: sri, crossOrigin: 'anonymous' },
      // Not pinned by the manifest: no hash to check, and no CORS mode the preload would not have.
      { href: 'https://cdn.example.com/markets/1.0.0/assets/extra.css', integrity: null, crossOrigin: null },
    ]);
  });
});
