// Every caller of an origin, URL or route rule decides as the policy module does: the manifest,
// developer overrides, the API layer's token policy, sign-in return URLs and navigate().
import { afterAll, describe, expect, it } from 'vitest';
import { checkRemoteUrl, isSameOrigin, isUrlRefusal, sameOriginPath } from '@atrium/shared/policy';
import { mayCarryToken } from '@atrium/shared/api';
import { parseManifest } from './manifest/index.js';
import { applyOverrides } from './overrides/index.js';
import { safeReturnTo } from './auth/return-to.js';
import { navigateInApp } from './layout/index.js';
import { singleSpa } from './loader/index.js';
import { schemaChecks } from './validation/schemas.js';

const ORIGIN = 'https://cdn.example.com';
const URLS = [
  'https://cdn.example.com/m/remoteEntry.js',
  'https://cdn.example.com:8443/m/remoteEntry.js',
  'https://cdn.example.com.evil.net/m/remoteEntry.js',
  'https://x.cdn.example.com/m/remoteEntry.js',
  'https://user:pw@cdn.example.com/m/remoteEntry.js',
  'https://cdn.example.com@evil.net/m/remoteEntry.js',
  'http://cdn.example.com/m/remoteEntry.js',
  '//cdn.example.com/m/remoteEntry.js',
  'javascript:alert(1)',
  'data:text/javascript,alert(1)',
  ' https://cdn.example.com/m/remoteEntry.js',
];
const PATHS = ['/accounts/1?x=2#y', '//evil.net/x', '/\\evil.net', 'javascript:alert(1)', 'https://evil.net/', 'accounts', '/ok/../../x', ''];

describe('every caller agrees with the policy module', () => {
  const [base] = parseManifest(
    { version: 1, mfes: [{ name: 'm', entry: 'https://cdn.example.com/m/remoteEntry.js', module: './app', version: '1', activeWhen: '/m', region: 'main' }] },
    { allowedOrigins: new Set([ORIGIN]), regions: new Set(['main']), source: 'test', checks: schemaChecks },
  ).entries;

  it.each(URLS)('remote URL %s: manifest, overrides and policy decide alike', (url) => {
    const policy = !isUrlRefusal(checkRemoteUrl(url, new Set([ORIGIN])));
    const manifest = parseManifest(
      { version: 1, mfes: [{ name: 'm', entry: url, module: './app', version: '1', activeWhen: '/m', region: 'main' }] },
      { allowedOrigins: new Set([ORIGIN]), regions: new Set(['main']), source: 'test', checks: schemaChecks },
    ).entries.length === 1;
    const override = applyOverrides([base!], new Map([['m', url]]), { enabled: true, allowedOrigins: [ORIGIN] }).applied.size === 1;
    expect({ manifest, override }).toEqual({ manifest: policy, override: policy });
  });

  it.each(URLS.filter((u) => !u.startsWith(' ')))('request URL %s: the API layer sends a token only where the policy sees the same origin', (url) => {
    expect(mayCarryToken(url, ORIGIN)).toBe(isSameOrigin(url, ORIGIN));
  });

  it.each(PATHS)('path %j: sign-in return URLs and navigate() follow only same-origin paths', async (path) => {
    const start = location.pathname;
    const expected = sameOriginPath(path, location.origin);
    expect(safeReturnTo(path, '/fallback', location.origin)).toBe(expected ?? '/fallback');
    navigateInApp(path);
    // The navigation happens once single-spa (a chunk of its own) is there.
    await singleSpa();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(location.pathname).toBe(expected === undefined ? start : new URL(expected, location.origin).pathname);
    history.replaceState(null, '', start);
  });

  afterAll(() => history.replaceState(null, '', '/'));
});
