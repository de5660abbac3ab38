// @vitest-environment happy-dom
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeAt } from './boot-graph.mjs';

// The inline script a static page carries (boot-preload.js) applies the shell's route rule in
// ES5 of its own; the resolver's boot graph applies it through `activeAt` (checked against the
// shell's in boot-graph.test.ts). Both must preload the same MFEs for a path.
const SCRIPT = fs.readFileSync(path.resolve('scripts/lib/boot-preload.js'), 'utf8');
const CDN = 'https://cdn.example';
const WHENS: unknown[] = ['always', '/accounts', '/accounts/', ['/markets', '/fx'], '/', '/a'];
const manifest = { version: 1, mfes: WHENS.map((activeWhen, i) => ({ name: `m${i}`, entry: `${CDN}/m${i}/remoteEntry.js`, activeWhen, boot: { module: 'assets/app.js', shares: [] } })) };
const config = { home: '/accounts', allowedOrigins: [CDN] };

afterEach(() => {
  document.head.replaceChildren();
  vi.restoreAllMocks();
});

/** The MFEs whose planned chunk the inline script preloads at `path`. */
function preloadedAt(path: string): string[] {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://site.example${path}`);
  for (const [id, value] of [['atrium-config', config], ['atrium-manifest', manifest]] as const) {
    const data = document.createElement('script');
    data.type = 'application/json';
    data.id = id;
    data.textContent = JSON.stringify(value);
    document.head.append(data);
  }
  const hrefs: string[] = [];
  vi.spyOn(document.head, 'appendChild').mockImplementation((node) => {
    hrefs.push((node as HTMLLinkElement).href);
    return node;
  });
  new Function(SCRIPT)();
  return hrefs.map((href) => new URL(href).pathname.split('/')[1] ?? '');
}

describe('boot-preload.js', () => {
  for (const path of ['/', '/accounts', '/accounts/7', '/accountsx', '/fx/usd', '/markets', '/a', '/ab', '/elsewhere']) {
    it(`preloads what the resolver's rule shows at ${path}`, () => {
      const shown = path === '/' ? config.home : path;
      const expected = manifest.mfes.filter((entry) => activeAt(entry.activeWhen, shown)).map((entry) => entry.name);
      expect(preloadedAt(path)).toEqual(expected);
    });
  }
});
