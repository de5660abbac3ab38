import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/paths.js';
import { run } from './support/run.js';
import { startFixtureServer } from './support/fixture-server.js';
import type { FixtureServer } from './support/fixture-server.js';
import { checkMfe } from '../scripts/lib/check-mfe/run.mjs';

// A conformance gate that cannot fail is worse than none: each check gets an MFE that violates
// it, and check-mfe must report exactly that violation (and pass the healthy probe).

let fixtures: FixtureServer;

beforeAll(async () => {
  fixtures = await startFixtureServer();
});

afterAll(async () => {
  await fixtures?.close();
});

type Result = Awaited<ReturnType<typeof checkMfe>>;
const check = (name: string, extra: Partial<Parameters<typeof checkMfe>[0]> = {}) =>
  checkMfe({ url: `${fixtures.url}/${name}/remoteEntry.js`, name, cycles: 6, settleMs: 100, ...extra });
const byId = (result: Result) => Object.fromEntries(result.checks.map((c) => [c.id, c]));
const failed = (result: Result) => result.checks.filter((c) => c.status === 'fail').map((c) => c.id);

describe('check-mfe reports each violation', () => {
  it('passes the healthy probe on every check (the checks do not fail for nothing)', async () => {
    const result = await check('fx_probe');
    expect(failed(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(byId(result)['scope']?.status).toBe('pass');
    expect(byId(result)['origins']?.status).toBe('pass');
  });

  it('passes an MFE that talks on props.events: the check hands it the page bus like the host does', async () => {
    const result = await check('fx_events_listener');
    expect(failed(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('renders outside its element: the toast on <body> is named', async () => {
    const result = await check('fx_renders_outside');
    expect(failed(result)).toEqual(['scope']);
    expect(byId(result)['scope']?.detail).toContain('added <div.fx-toast> to <body>');
    expect(result.exitCode).toBe(1);
  });

  it('leaves its DOM in its element after unmount', async () => {
    const result = await check('fx_leaves_dom');
    expect(failed(result)).toContain('unmount-dom');
    expect(byId(result)['unmount-dom']?.detail).toMatch(/1 node left in its element \(<section\.left-behind>\)/);
  });

  it('leaks a listener, a timer and a global after unmount', async () => {
    const result = await check('fx_leaky');
    expect(failed(result)).toEqual(expect.arrayContaining(['unmount-active', 'cycles', 'globals']));
    expect(byId(result)['unmount-active']?.detail).toMatch(/window "resize" listener .*setInterval\(…, 1000 ms\)|setInterval\(…, 1000 ms\).*window "resize" listener/);
    expect(byId(result)['globals']?.detail).toContain('leakyLastMount');
  });

  it('throws in a lifecycle: the host marks it broken and the check says so', async () => {
    const result = await check('fx_throws_in_mount');
    expect(failed(result)).toEqual(['host']);
    expect(byId(result)['host']?.detail).toContain('mount failed on purpose');
  });

  it('exceeds its lifecycle timeout', async () => {
    const result = await check('fx_hangs_in_mount', { timeoutMs: 1_500 });
    expect(failed(result)).toEqual(['host']);
    expect(byId(result)['host']?.detail).toMatch(/did not finish mounting within 1500 ms/);
  });

  it('loads from undeclared origins: the tracker and the pixel are named; a declared API origin is not', async () => {
    const result = await check('fx_phones_home');
    expect(failed(result)).toEqual(['origins']);
    expect(byId(result)['origins']?.detail).toMatch(/requests to (https:\/\/tracker\.example\.net, https:\/\/pixel\.example\.org|https:\/\/pixel\.example\.org, https:\/\/tracker\.example\.net)/);
    const declared = await check('fx_phones_home', { allowedOrigins: ['https://tracker.example.net'] });
    expect(byId(declared)['origins']?.detail).toMatch(/requests to https:\/\/pixel\.example\.org \(/);
  });

  it('atrium check --allow-origin declares the origins an MFE may call (exit 0 once both are declared)', async () => {
    // run() is asynchronous: the fixture server lives in this process.
    const result = await run(ROOT, process.execPath, [
      path.join(ROOT, 'cli/bin/atrium.mjs'), 'check', `${fixtures.url}/fx_phones_home/remoteEntry.js`, '--cycles', '2', '--json',
      '--allow-origin', 'https://tracker.example.net', '--allow-origin', 'https://pixel.example.org',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as Result;
    expect(byId(json)['origins']?.status).toBe('pass');
  }, 120_000);
});
