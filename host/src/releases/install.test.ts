import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResolvedHostConfig } from '../config/config.js';
import { parseManifest } from '../manifest/index.js';
import { installReleases } from './install.js';
import { pinnedRevision } from './revision.js';
import { schemaChecks } from '../validation/schemas.js';

const policy = { allowedOrigins: new Set(['https://cdn.example']), regions: new Set(['main']) };
const config = policy as unknown as ResolvedHostConfig;
const entry = (version: string) => ({ name: 'accounts', entry: `https://cdn.example/accounts/${version}/remoteEntry.js`, module: './app', version, activeWhen: '/accounts', region: 'main' });
const inline = (json: string) => {
  document.body.innerHTML = `<script type="application/json" id="atrium-manifest">${json}</script>`;
};
const noStatuses = { subscribe: () => () => {} };

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('installReleases', () => {
  it('reads the revision the resolver pinned, and stays off on pages deployed without one', () => {
    inline('{"version":1,"revision":42,"mfes":[]}');
    expect(pinnedRevision()).toBe(42);
    inline('{"version":1,"mfes":[]}');
    expect(pinnedRevision()).toBeUndefined();
    expect(installReleases(config, noStatuses)).toBeUndefined();
  });

  it('names the current version when the pinned one cannot be loaded (its files are gone), once per MFE and page', async () => {
    inline('{"version":1,"revision":7,"mfes":[]}');
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ version: 1, revision: 8, mfes: [entry('1.1.0')] }))));
    const releases = installReleases(config, noStatuses)!;
    const pinned = parseManifest({ version: 1, mfes: [entry('1.0.0')] }, { ...policy, source: 't', checks: schemaChecks }).entries[0]!;
    const current = await releases.onLoadFailure(pinned, new Error('404 for remoteEntry.js'));
    expect(current?.version).toBe('1.1.0');
    // A second failure is shown as usual: nothing to load instead.
    await expect(releases.onLoadFailure(pinned, new Error('404 again'))).resolves.toBeUndefined();
  });
});
