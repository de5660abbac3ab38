import { describe, expect, it } from 'vitest';
import { resolveHostConfig } from './config.js';
import { schemaChecks } from '../validation/schemas.js';

const context = { base: 'https://bank.example/accounts', origin: 'https://bank.example' };
const raw = {
  allowedOrigins: ['https://cdn.example/'],
  auth: { authority: 'https://login.example', clientId: 'atrium-host' },
  apis: { 'customer-api': { baseUrl: 'https://api.example/v1' } },
  overrides: { enabled: true, allowedOrigins: ['http://localhost:*'] },
  embed: { allowedEmbedders: ['https://www.example/'] },
};

describe('resolveHostConfig', () => {
  it('resolves every section once into one frozen object', () => {
    const config = resolveHostConfig(raw, context, schemaChecks);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.timeouts)).toBe(true);
    expect(Object.isFrozen(config.auth)).toBe(true);
    expect(config.auth).toMatchObject({ clientId: 'atrium-host', redirectUri: 'https://bank.example/auth/callback', scopes: ['openid', 'profile', 'email'] });
    expect(config.overrides).toEqual({ enabled: true, allowedOrigins: ['http://localhost:*'] });
    expect([...config.embed.allowedEmbedders]).toEqual(['https://www.example']);
    expect(config.embed.portalOrigin).toBe('https://bank.example');
    expect([...config.allowedOrigins]).toEqual(['https://cdn.example']);
    expect(config.devtools).toBe(false);
    expect(config.problems).toEqual([]);
    expect(() => ((config as { home: string }).home = '/x')).toThrow(TypeError);
  });

  it('signs a widget page in with the embedder’s own client, through the site’s one callback page', () => {
    const widgets = { ...raw, auth: { ...raw.auth, embedders: { 'https://www.example': { clientId: 'atrium-widgets-www', scopes: ['accounts:read'] } } } };
    const config = resolveHostConfig(widgets, { base: 'https://bank.example/atrium.config.json', origin: 'https://www.example', embedded: true }, schemaChecks);
    expect(config.auth).toMatchObject({ clientId: 'atrium-widgets-www', apiScopes: ['accounts:read'], redirectUri: 'https://www.example/atrium/callback/', postLogoutRedirectUri: 'https://www.example/atrium/callback/' });
    // Without a client of its own, the embedding page stays signed out rather than borrow the portal's.
    const borrowed = resolveHostConfig(raw, { base: 'https://bank.example/atrium.config.json', origin: 'https://www.example', embedded: true }, schemaChecks);
    expect(borrowed.auth).toBeUndefined();
    expect(borrowed.problems.map((p) => p.message)).toEqual([expect.stringContaining('no client for widgets on https://www.example')]);
  });

  it('keeps a page with a broken auth section usable: signed out, the problem listed', () => {
    const config = resolveHostConfig({ ...raw, auth: { authority: 'http://login.example', clientId: 'x' } }, context, schemaChecks);
    expect(config.auth).toBeUndefined();
    expect(config.problems.map((p) => p.message)).toEqual([expect.stringContaining('host config "auth.authority": must be an absolute https URL')]);
  });

  it('reads a malformed overrides section as off, and devtools only when the deployment says so', () => {
    const config = resolveHostConfig({ ...raw, overrides: 'yes', devtools: true }, context, schemaChecks);
    expect(config.overrides).toEqual({ enabled: false, allowedOrigins: [] });
    expect(config.devtools).toBe(true);
    expect(() => resolveHostConfig({ ...raw, devtools: 'on' }, context, schemaChecks)).toThrow(/"devtools"/);
  });
});
