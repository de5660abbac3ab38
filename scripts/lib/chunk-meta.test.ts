// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { chunkMeta } from './chunk-meta.mjs';

/** Runs the plugin's page hook on a bundle with the given chunks (file name → the module it was built from). */
function render(chunks: Record<string, string>) {
  const plugin = chunkMeta({ 'single-spa': 'host/src/loader/single-spa-share.ts' }) as unknown as {
    configResolved(config: { base: string }): void;
    transformIndexHtml: { handler(html: string, ctx: { bundle: Record<string, unknown> }): unknown };
  };
  plugin.configResolved({ base: '/' });
  const bundle = Object.fromEntries(Object.entries(chunks).map(([fileName, facadeModuleId]) => [fileName, { type: 'chunk', fileName, facadeModuleId }]));
  return plugin.transformIndexHtml.handler('<html></html>', { bundle });
}

describe('chunkMeta', () => {
  it('names the chunk built from the source in the page', () => {
    expect(render({ 'assets/index-a.js': '/repo/host/index.html', 'assets/single-spa-share-b.js': '/repo/host/src/loader/single-spa-share.ts' })).toEqual([
      { tag: 'meta', attrs: { name: 'atrium:single-spa', content: '/assets/single-spa-share-b.js' }, injectTo: 'head' },
    ]);
  });

  it('fails the build when no chunk of its own was built from the source (the graph would silently lose it)', () => {
    expect(() => render({ 'assets/index-a.js': '/repo/host/index.html' })).toThrow(/no chunk was built from host\/src\/loader\/single-spa-share\.ts/);
  });
});
