// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inlineDeployConfig, loadDeployChecks } from './deploy.mjs';

const TEMPLATE = '<body><script type="application/json" id="atrium-config"></script><script type="application/json" id="atrium-manifest"></script></body>';
// The deploy step's checks as the Node build exports them: here, a config passes when it has
// allowedOrigins, a manifest when it is version 1.
const checks = {
  CHECKS_STAMP: 'abc123',
  passesConfigChecks: (raw: unknown) => Array.isArray((raw as { allowedOrigins?: unknown }).allowedOrigins),
  passesManifestChecks: (raw: unknown) => (raw as { version?: unknown }).version === 1,
};
const tag = (html: string, id: string) => new RegExp(`<script type="application/json" id="${id}"[^>]*>`).exec(html)?.[0];

describe('inlineDeployConfig', () => {
  it('stamps what passes the shell’s checks, so the shell does not check it again', () => {
    const html = inlineDeployConfig(TEMPLATE, { config: { allowedOrigins: [] }, manifest: { version: 1, mfes: [] }, bootPreload: false, checks });
    expect(tag(html, 'atrium-config')).toBe('<script type="application/json" id="atrium-config" data-checked="abc123">');
    expect(tag(html, 'atrium-manifest')).toBe('<script type="application/json" id="atrium-manifest" data-checked="abc123">');
  });

  it('leaves what fails unstamped: the browser checks it and shows the problem', () => {
    const html = inlineDeployConfig(TEMPLATE, { config: { allowedOrigins: 'x' }, manifest: { version: 2, mfes: [] }, bootPreload: false, checks });
    expect(tag(html, 'atrium-config')).toBe('<script type="application/json" id="atrium-config">');
    expect(tag(html, 'atrium-manifest')).toBe('<script type="application/json" id="atrium-manifest">');
  });

  it('writes over a page deployed before (stamped or not): the new config and manifest, with their own stamps', () => {
    const first = inlineDeployConfig(TEMPLATE, { config: { allowedOrigins: [] }, manifest: { version: 1, mfes: [] }, bootPreload: false, checks });
    const again = inlineDeployConfig(first, { config: { allowedOrigins: 'x' }, manifest: { version: 1, mfes: [{ name: 'a' }] }, bootPreload: false, checks });
    expect(tag(again, 'atrium-config')).toBe('<script type="application/json" id="atrium-config">');
    expect(again).toContain('{"allowedOrigins":"x"}');
    expect(again).toContain('"mfes":[{"name":"a"}]');
    expect(again.match(/id="atrium-config"/g)).toHaveLength(1);
  });

  it('stamps nothing, and still writes the page, when a check throws (a bug in the checks, not bad input)', () => {
    const broken = { ...checks, passesConfigChecks: () => { throw new TypeError('URL.parse is not a function'); } };
    const html = inlineDeployConfig(TEMPLATE, { config: { allowedOrigins: [] }, manifest: { version: 1, mfes: [] }, bootPreload: false, checks: broken });
    expect(tag(html, 'atrium-config')).toBe('<script type="application/json" id="atrium-config">');
    expect(tag(html, 'atrium-manifest')).toBe('<script type="application/json" id="atrium-manifest" data-checked="abc123">');
  });

  it('stamps nothing without checks (before a build) or with a stamp that is not a plain token', () => {
    for (const without of [undefined, { ...checks, CHECKS_STAMP: '"><script>alert(1)</script>' }]) {
      const html = inlineDeployConfig(TEMPLATE, { config: { allowedOrigins: [] }, manifest: { version: 1, mfes: [] }, bootPreload: false, checks: without });
      expect(html).not.toContain('data-checked');
      expect(html).not.toContain('alert(1)');
    }
  });

  it('writes the JSON as it is — `$&` and `</script>` in a value neither expand nor close the tag', () => {
    const config = { allowedOrigins: [], title: 'Save $& $1 </script><script>alert(1)</script>' };
    const html = inlineDeployConfig(TEMPLATE, { config, bootPreload: false, checks });
    const json = /id="atrium-config"[^>]*>(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual(config);
    expect(html).not.toContain('<script>alert(1)');
  });
});

describe('loadDeployChecks', () => {
  it('reads the checks a build wrote, afresh after a rebuild in the same process (npm start builds after importing this)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-checks-'));
    const file = path.join(dir, 'checks.mjs');
    try {
      expect(await loadDeployChecks(file)).toBeUndefined();
      fs.writeFileSync(file, 'export const CHECKS_STAMP = "first";');
      expect((await loadDeployChecks(file))?.CHECKS_STAMP).toBe('first');
      fs.writeFileSync(file, 'export const CHECKS_STAMP = "second";');
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
      expect((await loadDeployChecks(file))?.CHECKS_STAMP).toBe('second');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
