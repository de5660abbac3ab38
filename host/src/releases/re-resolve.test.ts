import { describe, expect, it, vi } from 'vitest';
import { parseManifest } from '../manifest/index.js';
import type { ManifestPolicy } from '../manifest/index.js';
import { createReResolver } from './re-resolve.js';
import { schemaChecks } from '../validation/schemas.js';

const policy: Omit<ManifestPolicy, 'checks'> = { allowedOrigins: new Set(['https://cdn.example']), regions: new Set(['main']), source: 'test' };
const entry = (version: string) => ({ name: 'accounts', entry: `https://cdn.example/accounts/${version}/remoteEntry.js`, module: './app', version, activeWhen: '/accounts', region: 'main' });
const pinned = parseManifest({ version: 1, mfes: [entry('1.0.0')] }, { ...policy, checks: schemaChecks }).entries[0]!;
const answer = (version: string) => vi.fn(async () => new Response(JSON.stringify({ version: 1, revision: 9, mfes: [entry(version)] })));

describe('createReResolver', () => {
  it('hands back the current version once when the pinned one failed, then gives up', async () => {
    const fetch = answer('1.1.0');
    const onLoadFailure = createReResolver({ manifestUrl: '/atrium/manifest.json', policy, fetch });
    const replacement = await onLoadFailure(pinned, new Error('404'));
    expect(replacement?.version).toBe('1.1.0');
    expect(replacement?.entryUrl.href).toBe('https://cdn.example/accounts/1.1.0/remoteEntry.js');
    expect(await onLoadFailure(pinned, new Error('404'))).toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('gives nothing when the resolver still names the failing version, or cannot be reached', async () => {
    expect(await createReResolver({ manifestUrl: '/m', policy, fetch: answer('1.0.0') })(pinned, new Error('x'))).toBeUndefined();
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await createReResolver({ manifestUrl: '/m', policy, fetch: down })(pinned, new Error('x'))).toBeUndefined();
  });

  it('refuses a replacement from an origin the host does not allow', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ version: 1, mfes: [{ ...entry('6.6.6'), entry: 'https://evil.example/remoteEntry.js' }] })));
    expect(await createReResolver({ manifestUrl: '/m', policy, fetch })(pinned, new Error('x'))).toBeUndefined();
  });
});
