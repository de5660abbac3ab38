import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootPlan, PLAN_PLUGIN_VERSIONS, satisfies } from './boot-plan.mjs';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-boot-plan-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const PROVIDED = { 'single-spa': '6.0.3', '@atrium/shared': '0.1.0', '@atrium/shared/api': '0.1.0' };

/** A built remote as @module-federation/vite writes it, small enough to read. */
function remote(name: string, o: { pluginVersion?: string; required?: string; exposeChunk?: boolean } = {}): string {
  const dist = path.join(root, name);
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  const write = (file: string, body: string) => fs.writeFileSync(path.join(dist, file), body);
  write('mf-manifest.json', JSON.stringify({
    metaData: { pluginVersion: o.pluginVersion ?? PLAN_PLUGIN_VERSIONS[0] },
    shared: [{ name: '@atrium/shared', requiredVersion: o.required ?? '^0.1.0' }, { name: 'react', requiredVersion: '^19.0.0' }],
  }));
  write('remoteEntry.js', `import{r as e}from"./assets/mf-runtime-1.js";var c={${o.exposeChunk === false ? '' : '"./app":async()=>{let e=await o(`./app`,()=>n(()=>import(`./assets/app-1.js`),[],import.meta.url));return e}'}};export{c as x}`);
  write('assets/app-1.js', 'import{t}from"./dep-2.js";var l=O(D.share,{canonical:`default:@atrium/shared`,aliases:[`@atrium/shared`]});import("./lazy-3.js");export const mount=()=>t;');
  write('assets/dep-2.js', 'var r=O(D.share,{canonical:`default:react`});export const t=1;');
  write('assets/lazy-3.js', 'var s=O(D.share,{canonical:`default:single-spa`});export{}');
  return dist;
}

describe('bootPlan', () => {
  it('names the exposed chunk, its static imports, apart the lazy ones, and the host-provided shares its static imports read', () => {
    expect(bootPlan(remote('ok'), './app', PROVIDED)).toEqual({
      plan: { module: 'assets/app-1.js', files: ['assets/app-1.js', 'assets/dep-2.js'], lazy: ['assets/lazy-3.js'], shares: ['@atrium/shared'] },
    });
  });

  it('makes no plan when the remote requires a version the host does not provide (the runtime refuses it in the browser, by name)', () => {
    expect(bootPlan(remote('too-new', { required: '^0.2.0' }), './app', PROVIDED)).toEqual({ reason: 'requires @atrium/shared@^0.2.0, the host provides 0.1.0' });
  });

  it('makes no plan for a plugin version whose chunks were not checked against the share cache', () => {
    expect(bootPlan(remote('old-plugin', { pluginVersion: '1.1.0' }), './app', PROVIDED)).toMatchObject({ reason: expect.stringContaining('built with @module-federation/vite 1.1.0') });
  });

  it('makes no plan without mf-manifest.json or when remoteEntry.js does not name the exposed chunk', () => {
    const bare = path.join(root, 'bare');
    fs.mkdirSync(bare);
    expect(bootPlan(bare, './app', PROVIDED)).toMatchObject({ reason: expect.stringContaining('no mf-manifest.json') });
    expect(bootPlan(remote('no-expose', { exposeChunk: false }), './app', PROVIDED)).toEqual({ reason: 'remoteEntry.js does not name the chunk of ./app' });
  });

  it('covers the installed @module-federation/vite: an upgrade must be checked and added, or every MFE loses its plan', () => {
    const require = createRequire(import.meta.url);
    const installed = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('@module-federation/vite')), '../package.json'), 'utf8')).version;
    expect(PLAN_PLUGIN_VERSIONS).toContain(installed);
  });
});

describe('satisfies', () => {
  it.each([
    ['6.0.3', '^6.0.3', true], ['6.4.0', '^6.0.3', true], ['7.0.0', '^6.0.3', false], ['6.0.2', '^6.0.3', false],
    ['0.1.5', '^0.1.0', true], ['0.2.0', '^0.1.0', false], ['1.2.9', '~1.2.3', true], ['1.3.0', '~1.2.3', false],
    ['1.2.3', '1.2.3', true], ['1.2.4', '1.2.3', false], ['2.0.0', '>=1.2.3', true], ['1.0.0', '*', true],
    ['1.0.0', '^1.0.0 || ^2.0.0', false], ['1.0.0-beta.1', '^1.0.0', false],
  ])('%s satisfies %s: %s (anything it cannot read answers false: the runtime decides)', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });
});
