import { describe, expect, it } from 'vitest';
import { sharedInUse } from './shared-in-use.js';

describe('sharedInUse', () => {
  it('lists each registered version once, with its provider and whether it was loaded', () => {
    const global = {
      __FEDERATION__: {
        __SHARE__: {
          atrium_host: { default: { 'single-spa': { '6.0.3': { from: 'atrium_host', loaded: true } } } },
          accounts: { default: { 'single-spa': { '6.0.3': { from: 'atrium_host' } }, react: { '19.2.0': { from: 'insights', loaded: false } } } },
        },
      },
    };
    expect(sharedInUse(global)).toEqual([
      { pkg: 'react', version: '19.2.0', from: 'insights', loaded: false },
      { pkg: 'single-spa', version: '6.0.3', from: 'atrium_host', loaded: true },
    ]);
  });

  it('is empty without a federation runtime', () => {
    expect(sharedInUse({})).toEqual([]);
  });
});
