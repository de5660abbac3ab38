import { describe, expect, it } from 'vitest';
import { embedderRefusal, resolveEmbedOptions } from './embed.js';
import { schemaChecks } from '../validation/schemas.js';

const BASE = 'https://app.example.com/atrium.config.json';

describe('resolveEmbedOptions', () => {
  it('allows no embedder when the config has no embed section', () => {
    expect(resolveEmbedOptions(undefined, 'https://app.example.com/atrium.config.json', schemaChecks).allowedEmbedders.size).toBe(0);
  });

  it('normalises exact origins', () => {
    const options = resolveEmbedOptions({ allowedEmbedders: ['https://www.example.com/', 'http://localhost:5500'] }, 'https://app.example.com/atrium.config.json', schemaChecks);
    expect([...options.allowedEmbedders]).toEqual(['https://www.example.com', 'http://localhost:5500']);
  });

  it('refuses paths, wildcards and unknown keys with the fix in the message', () => {
    expect(() => resolveEmbedOptions({ allowedEmbedders: ['https://*.example.com'] }, BASE, schemaChecks)).toThrow(/not an exact origin — write it as "https:\/\/host\[:port\]"/);
    expect(() => resolveEmbedOptions({ allowedEmbedders: ['https://example.com/cms'] }, BASE, schemaChecks)).toThrow(/not an exact origin/);
    expect(() => resolveEmbedOptions({ allowedEmbedders: 'https://example.com' }, BASE, schemaChecks)).toThrow(/"embed.allowedEmbedders"/);
    expect(() => resolveEmbedOptions({ allowedEmbedders: [], tag: 'x' }, BASE, schemaChecks)).toThrow(/"embed.tag"/);
  });
});

describe('embedderRefusal', () => {
  const options = resolveEmbedOptions({ allowedEmbedders: ['https://www.example.com'] }, BASE, schemaChecks);

  it('lets a listed page origin embed', () => {
    expect(embedderRefusal(options, 'https://www.example.com', 'https://app.example.com/atrium.config.json')).toBeUndefined();
  });

  it('names the page origin, the option and the deployment to fix for any other origin', () => {
    expect(embedderRefusal(options, 'https://www.example.com.evil.net', BASE)).toBe(
      'origin https://www.example.com.evil.net is not in `embed.allowedEmbedders` of deployment https://app.example.com/atrium.config.json — fix: add "https://www.example.com.evil.net" to embed.allowedEmbedders in that host config (or run `atrium embed add https://www.example.com.evil.net`)',
    );
  });

  it('sends links that leave a widget to the configured portal, else to where the config is served', () => {
    expect(resolveEmbedOptions({ allowedEmbedders: [], portalUrl: 'https://bank.example.com/start' }, BASE, schemaChecks).portalOrigin).toBe('https://bank.example.com');
    expect(resolveEmbedOptions({ allowedEmbedders: [] }, BASE, schemaChecks).portalOrigin).toBe('https://app.example.com');
    expect(() => resolveEmbedOptions({ allowedEmbedders: [], portalUrl: 'bank' }, BASE, schemaChecks)).toThrow(/embed.portalUrl "bank" is not an absolute URL/);
  });
});
