import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/index.js';
import { stylesheetUrls } from './styles.js';
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
