// The whole path of an MFE team outside this repository, with nothing but the kit's tarballs and
// the npm registry: `npm run kit` packs @atrium/cli and @atrium/shared; `atrium create` (run from
// the CLI tarball with npx) makes a project in an empty temp folder outside the workspace; its
// `npm test` and `npm run build` pass; `atrium check` (the host build inside the package) passes
// the built MFE served like a CDN; `atrium dev` serves it with HMR inside a local host in Chromium.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bootPlan } from '../scripts/lib/boot-plan.mjs';
import { startStaticServer } from '../scripts/lib/static-server.mjs';
import { launchChrome, newPage } from './support/browser.js';
import { ROOT } from './support/paths.js';
import { childEnv, NPM, run } from './support/run.js';
import type { RunResult } from './support/run.js';
import { startStack } from './support/stack.js';


const explain = (r: RunResult) => `exit ${r.status}\n${r.stdout}\n${r.stderr}`;

/** A port p with p and p + 1000 free (the build's and the dev server's, as the Vite preset pairs them). */
async function freePortPair(): Promise<number> {
  const free = (port: number) => new Promise<boolean>((resolve) => {
    const server = net.createServer().once('error', () => resolve(false)).listen(port, () => server.close(() => resolve(true)));
  });
  for (let port = 20_000 + Math.floor(Math.random() * 20_000); ; port += 7) {
    if ((await free(port)) && (await free(port + 1000))) return port;
  }
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-outside-'));
const kitDir = path.join(scratch, 'kit');
let browser: Browser;
let cliTarball = '';

beforeAll(async () => {
  expect(path.relative(ROOT, scratch).startsWith('..')).toBe(true);
  const packed = await run(ROOT, process.execPath, [path.join(ROOT, 'scripts/kit.mjs'), '--out', kitDir]);
  expect(packed.status, explain(packed)).toBe(0);
  cliTarball = path.join(kitDir, fs.readdirSync(kitDir).find((f) => f.startsWith('atrium-cli-')) ?? 'missing');
  browser = await launchChrome();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the kit', () => {
  it('is two publishable tarballs with their dependency and peer ranges stated, the host build inside the CLI', () => {
    const list = fs.readdirSync(kitDir).sort();
    expect(list).toEqual([expect.stringMatching(/^atrium-cli-\d+\.\d+\.\d+\.tgz$/), expect.stringMatching(/^atrium-shared-\d+\.\d+\.\d+\.tgz$/)]);
    const inside = (tarball: string, file: string) => JSON.parse(spawnSyncText('tar', ['xzf', path.join(kitDir, tarball), '-O', `package/${file}`]));
    const cli = inside(list[0] ?? '', 'package.json');
    expect(cli).toMatchObject({ name: '@atrium/cli', bin: { atrium: 'cli/bin/atrium.mjs' }, engines: { node: '>=22.12' } });
    expect(Object.keys(cli.dependencies)).toEqual(expect.arrayContaining(['playwright-core', 'sirv']));
    expect(cli.peerDependencies).toMatchObject({ vite: expect.any(String), '@module-federation/vite': expect.any(String) });
    expect(cli.private).toBeUndefined();
    const files = spawnSyncText('tar', ['tzf', path.join(kitDir, list[0] ?? '')]);
    expect(files).toContain('package/host/dist/index.html');
    expect(files).toContain('package/scripts/lib/check-mfe/run.mjs');
    // The repository's own tests stay out; a template's starter test is part of what create copies.
    expect(files).not.toMatch(/^package\/(?!templates\/).*\.test\.(m?js|ts)$/m);
    const shared = inside(list[1] ?? '', 'package.json');
    expect(shared.exports['./vite']).toBeDefined();
    expect(shared.peerDependencies).toMatchObject({ 'single-spa': expect.any(String), vite: expect.any(String) });
    expect(shared.private).toBeUndefined();
  });
});

describe('an MFE team outside the repository', () => {
  let dev: ChildProcess | undefined;
  afterAll(() => {
    dev?.kill('SIGTERM');
  });

  /** `atrium dev --no-open …` in the project, until it prints the URL it would open. */
  async function startDev(project: string, args: string[]): Promise<{ child: ChildProcess; open: string; said: () => string }> {
    const child = spawn(process.execPath, [path.join(project, 'node_modules/@atrium/cli/cli/bin/atrium.mjs'), 'dev', '--no-open', ...args], { cwd: project, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (said += chunk));
    const open = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`atrium dev printed no URL within 60 s:\n${said}`)), 60_000);
      const poll = setInterval(() => {
        const match = /open:\s+(http:\/\/\S+)/.exec(said);
        if (match?.[1]) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(match[1]);
        }
      }, 100);
    });
    return { child, open, said: () => said };
  }

  async function stopDev(): Promise<void> {
    const exited = new Promise((resolve) => dev?.once('exit', resolve));
    dev?.kill('SIGTERM');
    await exited;
    dev = undefined;
  }

  /** Opens the URL atrium dev printed and sees the MFE from the dev server, with Vite's HMR client. */
  async function expectServedByDevServer(url: string, devEntry: string): Promise<void> {
    const { page, record, context } = await newPage(browser);
    await page.goto(url);
    const content = page.getByRole('heading', { name: 'Savings goals' });
    const fallback = page.getByRole('alert');
    await content.or(fallback).waitFor({ timeout: 30_000 });
    // A cold dev server may still be optimising dependencies on the first load: Try again is the remedy.
    if (await fallback.isVisible()) await fallback.getByRole('button', { name: 'Try again' }).click();
    await content.waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Mark next step done' }).click();
    await expect(page.evaluate(() => window.atrium?.state('savings-goals')?.url)).resolves.toBe(devEntry);
    expect(record.requests.some((u) => u.startsWith(`${new URL(devEntry).origin}/@vite/client`))).toBe(true);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  }

  it('creates, tests, builds, checks and develops an MFE with only the kit and the npm registry', async () => {
    const port = await freePortPair();
    const created = await run(scratch, NPM, ['exec', '--yes', '--prefer-offline', '--package', cliTarball, '--', 'atrium', 'create', 'savings-goals', '--kit', kitDir, '--port', String(port)]);
    expect(created.status, explain(created)).toBe(0);
    const project = path.join(scratch, 'savings-goals');
    expect(created.stdout).toContain(`build port ${port}, dev server port ${port + 1000}`);
    expect(created.stdout).toContain(`its dev server (HMR) on http://localhost:${port + 1000}`);
    expect(created.stdout).toContain(`npm run check -- http://localhost:${port}/remoteEntry.js`);
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
    // Exact versions, and the kit from its tarballs.
    expect(pkg.devDependencies.vite).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.devDependencies['@module-federation/vite']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies['@atrium/shared']).toMatch(/^file:.*atrium-shared-.*\.tgz$/);
    expect(fs.existsSync(path.join(project, 'node_modules/@atrium/shared/vite/index.mjs'))).toBe(true);
    expect(fs.readFileSync(path.join(project, '.gitignore'), 'utf8')).toContain('node_modules/');
    // Creating again never overwrites.
    const again = await run(scratch, path.join(project, 'node_modules/.bin/atrium'), ['create', 'savings-goals']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('not empty');

    const tested = await run(project, NPM, ['test']);
    expect(tested.status, explain(tested)).toBe(0);
    expect(tested.stdout).toMatch(/1 passed/);
    const built = await run(project, NPM, ['run', 'build']);
    expect(built.status, explain(built)).toBe(0);
    expect(fs.existsSync(path.join(project, 'dist/remoteEntry.js'))).toBe(true);
    // As lean as an in-repo MFE: the deploy step's plan for the outside build is as many files on
    // the critical path as for the repository's own navigation MFE (one), with no fallback copy
    // of single-spa or of the shared layer deployed at all.
    const outsidePlan = bootPlan(path.join(project, 'dist'), './app');
    const inRepoPlan = bootPlan(path.join(ROOT, 'mfes/navigation/dist'), './app');
    if (!('plan' in outsidePlan) || !('plan' in inRepoPlan)) throw new Error(`no boot plan: ${JSON.stringify({ outsidePlan, inRepoPlan })}`);
    expect(outsidePlan.plan.files).toHaveLength(inRepoPlan.plan.files.length);
    expect(outsidePlan.plan.files).toEqual([outsidePlan.plan.module]);
    expect(outsidePlan.plan.shares).toEqual(['@atrium/shared']);
    expect(fs.readdirSync(path.join(project, 'dist/assets')).filter((f) => /__prebuild__|loadShare|single.spa/.test(f))).toEqual([]);

    // Deployed like a CDN would serve it, then checked by the CLI installed in the project.
    const cdn = await startStaticServer({ dir: path.join(project, 'dist'), port: 0, label: 'outside MFE', cors: true });
    try {
      const checked = await run(project, NPM, ['run', '--silent', 'check', '--', `${cdn.url}/remoteEntry.js`, '--cycles', '10', '--json']);
      expect(checked.status, explain(checked)).toBe(0);
      const report = JSON.parse(checked.stdout) as { ok: boolean; checks: { id: string; status: string }[] };
      expect(report.ok).toBe(true);
      expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(report.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['host', 'lifecycles', 'unmount-active', 'cycles', 'globals']));
    } finally {
      await cdn.close();
    }

    // atrium dev: the dev server (HMR) inside a local host, in Chromium.
    const local = await startDev(project, []);
    dev = local.child;
    expect(local.said()).toContain(`dev server (HMR): http://localhost:${port + 1000}`);
    const devEntry = `http://localhost:${port + 1000}/remoteEntry.js`;
    await expectServedByDevServer(local.open, devEntry);
    await stopDev();

    // atrium dev --host: the team's deployed host (here a stack that knows this MFE at its CDN
    // build) opened with an override that swaps in the dev server.
    const deployedCdn = await startStaticServer({ dir: path.join(project, 'dist'), port: 0, label: 'deployed MFE', cors: true });
    const deployed = await startStack({
      servers: false, cms: false, extraOrigins: [deployedCdn.url],
      extraEntries: () => [{ name: 'savings-goals', entry: `${deployedCdn.url}/remoteEntry.js`, module: './app', version: '0.1.0', activeWhen: '/savings-goals', region: 'main', title: 'Savings goals' }],
    });
    try {
      const remote = await startDev(project, ['--host', deployed.hostUrl]);
      dev = remote.child;
      const open = new URL(remote.open);
      expect(open.origin).toBe(new URL(deployed.hostUrl).origin);
      expect(open.searchParams.get('atrium-override')).toBe(`savings-goals=${devEntry}`);
      await expectServedByDevServer(remote.open, devEntry);
      await stopDev();
    } finally {
      await deployed.close();
      await deployedCdn.close();
    }
  }, 420_000);

  it('creates a React MFE outside the repository whose npm test and build pass', async () => {
    const port = await freePortPair();
    const created = await run(scratch, NPM, ['exec', '--yes', '--prefer-offline', '--package', cliTarball, '--', 'atrium', 'create', 'react-goals', '--template', 'react', '--kit', kitDir, '--port', String(port)]);
    expect(created.status, explain(created)).toBe(0);
    const project = path.join(scratch, 'react-goals');
    const tested = await run(project, NPM, ['test']);
    expect(tested.status, explain(tested)).toBe(0);
    const built = await run(project, NPM, ['run', 'build']);
    expect(built.status, explain(built)).toBe(0);
    expect(fs.existsSync(path.join(project, 'dist/remoteEntry.js'))).toBe(true);
  }, 300_000);
});

function spawnSyncText(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' });
}
