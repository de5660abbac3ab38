// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { describeDrift, findDrift, repoDrift } from '../scripts/versions.mjs';
import { HOST_SINGLETONS } from '@atrium/shared/vite';
import versions from './versions.json';
import { SHARED_VERSION, SINGLETON_VERSIONS } from './version.js';

describe('shared dependency versions (shared/src/versions.json)', () => {
  it('are the versions every package.json, template and the MFE preset use', () => {
    const drift = repoDrift();
    expect(drift, describeDrift(drift)).toEqual([]);
    expect(HOST_SINGLETONS['single-spa']?.requiredVersion).toBe(`^${versions['single-spa']}`);
    expect(HOST_SINGLETONS['@atrium/shared']?.requiredVersion).toBe(`^${versions['@atrium/shared']}`);
    expect(SHARED_VERSION).toBe(versions['@atrium/shared']);
    expect(SINGLETON_VERSIONS['single-spa']).toBe(versions['single-spa']);
  });

  it('reports a pin that drifted, naming the file, the package and the fix', () => {
    const declared = { 'single-spa': '6.0.3', '@atrium/shared': '0.1.0' };
    const drift = findDrift(declared, [
      { file: 'mfes/x/package.json', json: { name: 'x', dependencies: { 'single-spa': '6.0.2', react: '19.2.0' } } },
      { file: 'shared/package.json', json: { name: '@atrium/shared', version: '0.1.0', peerDependencies: { 'single-spa': '^6.0.0' } } },
      { file: 'templates/t/package.json', json: { name: 't', dependencies: { '@atrium/shared': 'file:../kit/shared.tgz' } } },
    ]);
    expect(drift).toEqual([
      { file: 'mfes/x/package.json', field: 'dependencies', name: 'single-spa', found: '6.0.2', expected: '6.0.3' },
      { file: 'shared/package.json', field: 'peerDependencies', name: 'single-spa', found: '^6.0.0', expected: '^6.0.3' },
    ]);
    expect(describeDrift(drift)).toContain('mfes/x/package.json: dependencies single-spa is 6.0.2, shared/src/versions.json declares 6.0.3');
    expect(describeDrift(drift)).toContain('node shared/scripts/versions.mjs --write');
  });
});
