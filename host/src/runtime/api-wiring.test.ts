import { describe, expect, it, vi } from 'vitest';
import { ApiWiring } from './api-wiring.js';

const config = {
  'fx-rates': { baseUrl: 'https://rates.example', auth: 'none' },
  'customer-api': { baseUrl: 'https://api.example', auth: { type: 'oidc', resource: 'https://api.example', scopes: ['accounts:read'] } },
};

function wiring(): ApiWiring {
  return new ApiWiring({ config, getAccessToken: async () => undefined, getUserKey: () => undefined, onAuthFailure: () => undefined, onConfigError: () => undefined });
}

describe('ApiWiring.warmFor: the API layer with the code of an MFE that declares the APIs it calls', () => {
  it('loads the layer for an API anyone may call', async () => {
    const apis = wiring();
    apis.warmFor(['fx-rates']);
    await vi.waitFor(() => expect(apis.cache).toBeDefined());
  });

  it.each([
    ['an API that needs a signed-in user (the sign-in warms it)', ['customer-api']],
    ['a name the config does not declare', ['weather']],
    ['no API', []],
  ])('does not load it for %s', async (_what, names) => {
    const apis = wiring();
    apis.warmFor(names);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(apis.cache).toBeUndefined();
  });
});
