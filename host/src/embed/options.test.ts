import { describe, expect, it } from 'vitest';
import { embedderRefusal, resolveEmbedOptions } from './options.js';

describe('resolveEmbedOptions', () => {
  it('allows no embedder when the config has no embed section', () => {
    expect(resolveEmbedOptions(undefined).allowedEmbedders.size).toBe(0);
  });

  it('normalises exact origins', () => {
    const options = resolveEmbedOptions({ allowedEmbedders: ['https://www.example.com/', 'http://localhost:5500'] });
    expect([...options.allowedEmbedders]).toEqual(['https://www.example.com', 'http://localhost:5500']);
  });

  it('refuses paths, wildcards and unknown keys with the fix in the message', () => {
    expect(() => resolveEmbedOptions({ allowedEmbedders: ['https://*.example.com'] })).toThrow(/not an exact origin — write it as "https:\/\/host\[:port\]"/);
    expect(() => resolveEmbedOptions({ allowedEmbedders: ['https://example.com/cms'] })).toThrow(/not an exact origin/);
    expect(() => resolveEmbedOptions({ allowedEmbedders: 'https://example.com' })).toThrow(/"embed.allowedEmbedders"/);
    expect(() => resolveEmbedOptions({ allowedEmbedders: [], tag: 'x' })).toThrow(/"embed.tag"/);
  });
});

describe('embedderRefusal', () => {
  const options = resolveEmbedOptions({ allowedEmbedders: ['https://www.example.com'] });

  it('lets a listed page origin embed', () => {
    expect(embedderRefusal(options, 'https://www.example.com', 'https://app.example.com/atrium.config.json')).toBeUndefined();
  });

  it('names the page origin and the config to fix for any other origin', () => {
    expect(embedderRefusal(options, 'https://www.example.com.evil.net', 'https://app.example.com/atrium.config.json')).toBe(
      'widgets are not allowed on https://www.example.com.evil.net — fix: add "https://www.example.com.evil.net" to embed.allowedEmbedders in the host config (https://app.example.com/atrium.config.json)',
    );
  });
});
