import { describe, expect, it } from 'vitest';
import { eagerCompile } from './compile-hints.mjs';

type Chunk = { type: 'chunk'; isEntry: boolean; name: string; code: string; map: { mappings: string } | null };

function bundleOf(...chunks: Chunk[]): Record<string, Chunk | { type: 'asset' }> {
  return Object.fromEntries([...chunks.map((c) => [`${c.name}.js`, c]), ['style.css', { type: 'asset' }]]);
}

function run(plugin: ReturnType<typeof eagerCompile>, bundle: object): void {
  const hook = plugin.generateBundle as unknown as { order: string; handler: (options: object, bundle: object) => void };
  // After every other plugin's generateBundle (Vite's own prepends its preload map there).
  expect(hook.order).toBe('post');
  hook.handler.call({}, {}, bundle);
}

describe('eagerCompile', () => {
  it('puts the hint on the first line of entry chunks only, and shifts their source map', () => {
    const entry: Chunk = { type: 'chunk', isEntry: true, name: 'index', code: 'export const a=1;', map: { mappings: 'AAAA' } };
    const lazy: Chunk = { type: 'chunk', isEntry: false, name: 'api', code: 'export const b=2;', map: null };
    run(eagerCompile(), bundleOf(entry, lazy));
    expect(entry.code.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(entry.code.split('\n')[1]).toBe('export const a=1;');
    expect(entry.map?.mappings).toBe(';AAAA');
    expect(lazy.code).toBe('export const b=2;');
  });

  it('takes the chunks a page runs at once from the selector', () => {
    const entry: Chunk = { type: 'chunk', isEntry: true, name: 'embed', code: 'a()', map: null };
    const widgets: Chunk = { type: 'chunk', isEntry: false, name: 'widgets', code: 'b()', map: null };
    const callback: Chunk = { type: 'chunk', isEntry: false, name: 'callback-page', code: 'c()', map: null };
    run(eagerCompile((chunk) => chunk.isEntry || chunk.name === 'widgets'), bundleOf(entry, widgets, callback));
    expect([entry, widgets, callback].map((c) => c.code.startsWith('//# allFunctionsCalledOnLoad\n'))).toEqual([true, true, false]);
  });
});
