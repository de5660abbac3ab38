/**
 * A Vite plugin that names, in the built page, the chunk built from each given source file, as
 * `<meta name="atrium:<key>" content="<URL of the chunk>">`: the shell's lazily loaded shares
 * (single-spa), which the deploy step imports in a boot graph ahead of planned chunks that read
 * them (scripts/lib/boot-graph.mjs). A meta element fetches nothing; a page without a graph
 * ignores it. The build fails when a named source built no chunk of its own (a rename would
 * otherwise quietly cost every such page its graph).
 *
 * @param {Record<string, string>} sources key → the end of the source file's path
 * @returns {import('vite').Plugin}
 */
export function chunkMeta(sources) {
  /** @type {string} */
  let base = '/';
  return {
    name: 'atrium:chunk-meta',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((output) => output.type === 'chunk');
        return Object.entries(sources).map(([key, source]) => {
          const chunk = chunks.find((c) => c.type === 'chunk' && c.facadeModuleId?.replace(/\\/g, '/').endsWith(source));
          if (!chunk) throw new Error(`chunk-meta: no chunk was built from ${source} — it must stay the entry of a dynamic import (see scripts/lib/chunk-meta.mjs)`);
          return { tag: 'meta', attrs: { name: `atrium:${key}`, content: `${base}${chunk.fileName}` }, injectTo: /** @type {const} */ ('head') };
        });
      },
    },
  };
}
