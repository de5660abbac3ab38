// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isActiveAt, routesOf } from '../../shared/src/policy/routes.js';
import { activeAt, BOOT_GRAPH_ID, bootFiles, renderBootGraph } from './boot-graph.mjs';

const CDN = 'https://cdn.example';
const entry = (name: string, activeWhen: unknown, extra: Record<string, unknown> = {}) => ({
  name, entry: `${CDN}/${name}/remoteEntry.js`, module: './app', version: '1.0.0', activeWhen, region: 'main',
  boot: { module: 'assets/app.js', shares: ['@atrium/shared'] },
  files: { 'assets/app.js': `sha384-${name}`, 'assets/dep.js': `sha384-${name}-dep`, 'remoteEntry.js': `sha384-${name}-entry` },
  ...extra,
});
const config = { allowedOrigins: [CDN], home: '/accounts', overrides: { enabled: false } };
const PAGE = '<html><head><script type="module" crossorigin src="/assets/index-abc.js"></script></head><body></body></html>';

describe('activeAt', () => {
  it('follows the shell\'s route rule', () => {
    const cases: [unknown, string][] = [
      ['always', '/x'], ['/accounts', '/accounts'], ['/accounts', '/accounts/1'], ['/accounts', '/accountsx'],
      ['/accounts/', '/accounts/1'], ['/', '/anything'], [['/a', '/b'], '/b/c'], [['/a'], '/'],
    ];
    for (const [when, path] of cases) expect(activeAt(when, path), `${JSON.stringify(when)} at ${path}`).toBe(isActiveAt(routesOf(when as string), path));
  });
});

describe('bootFiles', () => {
  it('imports the planned chunks the path shows in the graph, and preloads them and what they need with their hashes', () => {
    const manifest = { mfes: [entry('nav', 'always', { preload: ['assets/dep.js'] }), entry('accounts', '/accounts'), entry('markets', '/markets')] };
    expect(bootFiles(config, manifest, '/accounts/7')).toEqual({
      graph: [`${CDN}/nav/assets/app.js`, `${CDN}/accounts/assets/app.js`],
      preload: [
        { href: `${CDN}/nav/assets/app.js`, integrity: 'sha384-nav' },
        { href: `${CDN}/nav/assets/dep.js`, integrity: 'sha384-nav-dep' },
        { href: `${CDN}/accounts/assets/app.js`, integrity: 'sha384-accounts' },
      ],
      shares: [],
    });
    // `/` is the config's home.
    expect(bootFiles(config, manifest, '/').graph).toContain(`${CDN}/accounts/assets/app.js`);
  });

  it('preloads instead of importing what the shell cannot hand over at once: API-layer shares, sign-in-only entries, unpinned chunks, developer overrides', () => {
    const manifest = { mfes: [
      entry('api', '/p', { boot: { module: 'assets/app.js', shares: ['@atrium/shared/api'] } }),
      entry('protected', '/p', { auth: { required: true } }),
      entry('unpinned', '/p', { files: undefined }),
    ] };
    const { graph, preload } = bootFiles(config, manifest, '/p');
    expect(graph).toEqual([]);
    expect(preload).toEqual([
      { href: `${CDN}/api/assets/app.js`, integrity: 'sha384-api' },
      { href: `${CDN}/protected/assets/app.js`, integrity: 'sha384-protected' },
      { href: `${CDN}/unpinned/assets/app.js` },
    ]);
    expect(bootFiles({ ...config, overrides: { enabled: true } }, { mfes: [entry('nav', 'always')] }, '/p').graph).toEqual([]);
  });

  it('fetches nothing of an entry the shell would refuse: origin not allowed, plain http off loopback, malformed', () => {
    const manifest = { mfes: [
      { ...entry('evil', 'always'), entry: 'https://evil.example/remoteEntry.js' },
      { ...entry('plain', 'always'), entry: 'http://cdn.internal/remoteEntry.js' },
      { ...entry('broken', 'always'), entry: 'not a url' },
      null,
      { ...entry('outside', 'always'), boot: { module: 'https://evil.example/app.js', shares: [] } },
      entry('unparsable', 'always', { preload: ['http://[/x.js'] }),
    ] };
    const allowAll = { ...config, allowedOrigins: [CDN, 'http://cdn.internal'] };
    expect(bootFiles(allowAll, manifest, '/x')).toEqual({ graph: [], preload: [], shares: [] });
  });
});

describe('bootFiles and the shell\'s own chunks', () => {
  it('graphs a planned chunk that reads single-spa, and names single-spa for the graph to import first', () => {
    const manifest = { mfes: [entry('nav', 'always'), entry('probe', '/p', { boot: { module: 'assets/app.js', shares: ['@atrium/shared', 'single-spa'] } })] };
    expect(bootFiles(config, manifest, '/p')).toMatchObject({ graph: [`${CDN}/nav/assets/app.js`, `${CDN}/probe/assets/app.js`], shares: ['single-spa'] });
    expect(bootFiles(config, manifest, '/q')).toMatchObject({ graph: [`${CDN}/nav/assets/app.js`], shares: [] });
  });
});

describe('renderBootGraph', () => {
  it('puts the shell first in the graph, hands the chunks over, and keeps an async copy of the shell for when the graph fails', () => {
    const html = renderBootGraph(PAGE, { graph: [`${CDN}/nav/assets/app.js`], preload: [{ href: `${CDN}/nav/assets/dep.js`, integrity: 'sha384-x' }] });
    expect(html).toContain(`<link rel="modulepreload" crossorigin href="${CDN}/nav/assets/dep.js" integrity="sha384-x">`);
    const graph = new RegExp(`<script type="module" id="${BOOT_GRAPH_ID}" data-modules="([^"]*)">(.*?)</script>`).exec(html);
    expect(graph?.[1]).toBe(`${CDN}/nav/assets/app.js`);
    expect(graph?.[2]).toBe(`import "/assets/index-abc.js";import * as m1 from "${CDN}/nav/assets/app.js";globalThis[Symbol.for("atrium.boot-modules")]?.([["${CDN}/nav/assets/app.js",m1]]);`);
    expect(html).toContain('<script type="module" async crossorigin src="/assets/index-abc.js"></script>');
    // The shell is requested first (the preload scanner goes in document order).
    expect(html.indexOf('async crossorigin')).toBeLessThan(html.indexOf('rel="modulepreload"'));
  });

  it('leaves the page as it is without planned MFEs (apart from preloads) or without the shell\'s script', () => {
    expect(renderBootGraph(PAGE, { graph: [], preload: [] })).toBe(PAGE);
    expect(renderBootGraph(PAGE, { graph: [], preload: [{ href: 'https://x/a.js' }] })).toBe(PAGE.replace('</script>', '</script><link rel="modulepreload" crossorigin href="https://x/a.js">'));
    expect(renderBootGraph('<html></html>', { graph: ['https://x/a.js'], preload: [] })).toBe('<html></html>');
  });

  it('imports the chunk of a share the planned chunks read right after the shell (it puts single-spa in place), and preloads it', () => {
    const page = PAGE.replace('</head>', '<meta name="atrium:single-spa" content="/assets/single-spa-share-x1.js"></head>');
    const html = renderBootGraph(page, { graph: [`${CDN}/probe/assets/app.js`], preload: [], shares: ['single-spa'] });
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/single-spa-share-x1.js">');
    expect(new RegExp(`<script type="module" id="${BOOT_GRAPH_ID}"[^>]*>(.*?)</script>`).exec(html)?.[1]).toBe(
      `import "/assets/index-abc.js";import "/assets/single-spa-share-x1.js";import * as m1 from "${CDN}/probe/assets/app.js";globalThis[Symbol.for("atrium.boot-modules")]?.([["${CDN}/probe/assets/app.js",m1]]);`,
    );
    // A page that does not name the chunk gets no graph (the shell imports each chunk itself), only the preloads.
    const unnamed = renderBootGraph(PAGE, { graph: [`${CDN}/probe/assets/app.js`], preload: [{ href: `${CDN}/probe/assets/app.js` }], shares: ['single-spa'] });
    expect(unnamed).not.toContain(BOOT_GRAPH_ID);
    expect(unnamed).toContain(`<link rel="modulepreload" crossorigin href="${CDN}/probe/assets/app.js">`);
  });

  it('cannot be made to close its script or attribute by a hostile file name', () => {
    const hostile = { mfes: [entry('nav', 'always', { boot: { module: 'a.js?"></script><script>alert(1)</script>', shares: [] }, files: { 'a.js?"></script><script>alert(1)</script>': 'sha384-"><b>' }, preload: ['x.js?"><img src=x onerror=alert(1)>'] })] };
    const html = renderBootGraph(PAGE, bootFiles(config, hostile, '/'));
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><b>');
  });
});
