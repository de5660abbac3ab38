import { describe, expect, it } from 'vitest';
import { parseManifest } from '../manifest/index.js';
import { matchesOriginPattern } from '@atrium/shared/policy';
import { applyOverrides, OVERRIDES_STORAGE_KEY, readOverrides } from './overrides.js';
import { schemaChecks } from '../validation/schemas.js';

const [entry] = parseManifest(
  { version: 1, mfes: [{ name: 'accounts', entry: 'https://cdn.example.com/accounts/remoteEntry.js', module: './app', version: '2', activeWhen: '/accounts', region: 'main', integrity: 'sha384-abc', preload: ['assets/a.js'], css: ['assets/style.css'], boot: { module: 'assets/app-1.js', shares: ['@atrium/shared'] } }] },
  { allowedOrigins: new Set(['https://cdn.example.com']), regions: new Set(['main']), source: 'test', checks: schemaChecks },
).entries;
const enabled = { enabled: true, allowedOrigins: ['http://localhost:*', 'https://review.example.com'] };

describe('matchesOriginPattern (the overrides allow-list)', () => {
  it('accepts exact origins and any port of a loopback wildcard', () => {
    const overrideOriginAllowed = (origin: string, patterns: readonly string[]) => patterns.some((p) => matchesOriginPattern(origin, p));
    expect(overrideOriginAllowed('https://review.example.com', enabled.allowedOrigins)).toBe(true);
    expect(overrideOriginAllowed('http://localhost:5999', enabled.allowedOrigins)).toBe(true);
    expect(overrideOriginAllowed('https://review.example.com.evil.net', enabled.allowedOrigins)).toBe(false);
    expect(overrideOriginAllowed('http://127.0.0.1:5999', enabled.allowedOrigins)).toBe(false);
    expect(overrideOriginAllowed('https://localhost:5999', enabled.allowedOrigins)).toBe(false);
  });
});

describe('readOverrides', () => {
  const storage = (value?: string) => {
    const map = new Map<string, string>(value === undefined ? [] : [[OVERRIDES_STORAGE_KEY, value]]);
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) } as unknown as Storage;
  };

  it('merges the query string over stored overrides, and an empty URL removes one', () => {
    const stored = storage(JSON.stringify({ accounts: 'http://localhost:1/a.js', nav: 'http://localhost:2/n.js' }));
    expect(readOverrides(stored, '?atrium-override=accounts=http://localhost:3/x.js&atrium-override=nav=')).toEqual(new Map([['accounts', 'http://localhost:3/x.js']]));
  });

  it('resets everything with atrium-overrides=reset, and survives malformed storage', () => {
    expect(readOverrides(storage('{"a":"x"}'), '?atrium-overrides=reset')).toEqual(new Map());
    expect(readOverrides(storage('not json'), '')).toEqual(new Map());
  });

  it('treats names as data: prototype keys are never overrides unless asked for', () => {
    expect(readOverrides(storage('{}'), '').get('constructor')).toBeUndefined();
    expect(readOverrides(storage('{"__proto__":"http://localhost:1/x.js","constructor":"http://localhost:2/y.js"}'), '')).toEqual(new Map([['constructor', 'http://localhost:2/y.js']]));
  });
});

describe('applyOverrides', () => {
  it('points the entry at the override and drops what belonged to the original build', () => {
    const result = applyOverrides([entry!], new Map([['accounts', 'http://localhost:5202/remoteEntry.js']]), enabled);
    expect([...result.applied].map(([name, url]) => [name, url.href])).toEqual([['accounts', 'http://localhost:5202/remoteEntry.js']]);
    expect(result.entries[0]).toMatchObject({ entry: 'http://localhost:5202/remoteEntry.js', preloadUrls: [], overriddenFrom: 'https://cdn.example.com/accounts/remoteEntry.js' });
    expect(result.entries[0]?.integrity).toBeUndefined();
    expect(result.entries[0]?.css).toBeUndefined();
    // The plan names the deployed build's chunk: the dev server is loaded through its remoteEntry.js.
    expect(result.entries[0]?.boot).toBeUndefined();
    expect(result.entries[0]?.bootUrl).toBeUndefined();
  });

  it('refuses origins off the overrides allow-list, so a crafted link cannot load foreign code', () => {
    const result = applyOverrides([entry!], new Map([['accounts', 'https://evil.example.net/remoteEntry.js']]), enabled);
    expect(result.entries[0]?.entry).toBe('https://cdn.example.com/accounts/remoteEntry.js');
    expect(result.refused[0]?.reason).toMatch(/not on the overrides allow-list/);
  });

  it('refuses every override when the deployment disables them', () => {
    const result = applyOverrides([entry!], new Map([['accounts', 'http://localhost:5202/remoteEntry.js']]), { enabled: false, allowedOrigins: ['http://localhost:*'] });
    expect(result.applied.size).toBe(0);
    expect(result.refused[0]?.reason).toBe('overrides are disabled on this deployment');
  });

  it('refuses javascript: and unknown MFEs', () => {
    const result = applyOverrides([entry!], new Map([['accounts', 'javascript:alert(1)'], ['ghost', 'http://localhost:1/x.js']]), enabled);
    expect(result.applied.size).toBe(0);
    expect(result.refused.map((r) => r.name).sort()).toEqual(['accounts', 'ghost']);
  });
});
