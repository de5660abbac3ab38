// The MFE team kit inside the repository, used as a team would: `atrium create` makes an MFE that
// builds, tests, shows in the host and passes `atrium check`; `atrium check` passes healthy MFEs and
// fails a leaky one for the right reasons. Anything a test adds to the repository is removed again,
// even when it fails. (Outside the repository, from the kit's tarballs: kit-outside.e2e.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startStaticServer } from '../scripts/lib/static-server.mjs';
import { startStack } from '../scripts/lib/stack.mjs';
import { launchChrome, newPage } from './support/browser.js';
import { ROOT } from './support/paths.js';
import { NPM, run } from './support/run.js';
import type { RunResult } from './support/run.js';

function node(script: string, args: string[], timeout?: number): Promise<RunResult> {
  return run(ROOT, process.execPath, [path.join(ROOT, script), ...args], timeout);
}

/** `atrium <args>`, as `npx atrium` runs it in the repository. */
function atrium(args: string[], timeout?: number): Promise<RunResult> {
  return node('cli/bin/atrium.mjs', args, timeout);
}

function explain(result: RunResult): string {
  return `exit ${result.status}\n${result.stdout}\n${result.stderr}`;
}

interface CheckJson {
  ok: boolean;
  exitCode: number;
  error?: string;
  checks: { id: string; status: string; detail?: string; fix?: string }[];
}

async function checkMfe(url: string, extra: string[] = []): Promise<{ status: number | null; json: CheckJson; result: RunResult }> {
  const result = await atrium(['check', url, '--json', ...extra]);
  return { status: result.status, json: JSON.parse(result.stdout || '{}') as CheckJson, result };
}

/** Serves a built folder like the CDN an MFE team deploys to. */
async function serve(dir: string) {
  return startStaticServer({ dir: path.join(ROOT, dir), port: 0, label: dir, cors: true });
}

/**
 * Everything `atrium create` touches, saved byte for byte and put back by `restore` — which also runs
 * if the test process is stopped half way.
 */
function guardRepository(name: string) {
  const files = ['atrium.dev.json', 'package-lock.json'].map((file) => ({ file: path.join(ROOT, file), bytes: fs.readFileSync(path.join(ROOT, file)) }));
  const restore = () => {
    fs.rmSync(path.join(ROOT, 'mfes', name), { recursive: true, force: true });
    fs.rmSync(path.join(ROOT, 'node_modules/@atrium-mfe', name), { recursive: true, force: true });
    for (const { file, bytes } of files) fs.writeFileSync(file, bytes);
  };
  process.once('exit', restore);
  return () => {
    restore();
    process.off('exit', restore);
  };
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
});

describe('atrium create (in the workspace)', () => {
  it('refuses bad, reserved and existing names and leaves the repository as it was', async () => {
    const catalog = fs.readFileSync(path.join(ROOT, 'atrium.dev.json'));
    for (const [name, reason] of [['Savings', 'not a valid MFE name'], ['9lives', 'not a valid MFE name'], ['host', 'reserved'], ['accounts', 'already exists']] as const) {
      const result = await atrium(['create', name]);
      expect(result.status, explain(result)).toBe(2);
      expect(result.stderr).toContain(reason);
    }
    const noName = await atrium(['create']);
    expect(noName.status).toBe(2);
    expect(noName.stderr).toContain('usage: atrium create <name>');
    // The old script name is a thin alias of the same command.
    const alias = await node('scripts/create-mfe.mjs', []);
    expect(alias.status).toBe(2);
    expect(alias.stderr).toContain('usage: atrium create <name>');
    const badTemplate = await atrium(['create', 'kit-nope', '--template', 'vue']);
    expect(badTemplate.status).toBe(2);
    expect(badTemplate.stderr).toContain('unknown template "vue"');
    expect(fs.readFileSync(path.join(ROOT, 'atrium.dev.json')).equals(catalog)).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'mfes/kit-nope'))).toBe(false);
  });

  for (const template of ['vanilla', 'react'] as const) {
    it(`makes a ${template} MFE that builds, passes its unit test and typecheck, shows in the host and passes check-mfe`, async () => {
      const name = `kit-${template}-${Date.now().toString(36)}`;
      const dir = `mfes/${name}`;
      const restore = guardRepository(name);
      let stack: Awaited<ReturnType<typeof startStack>> | undefined;
      try {
        const created = await atrium(['create', name, '--template', template]);
        expect(created.status, explain(created)).toBe(0);
        expect(created.stdout).toContain(`created ${dir}`);
        const entry = JSON.parse(fs.readFileSync(path.join(ROOT, 'atrium.dev.json'), 'utf8')).mfes.at(-1);
        // The URLs printed are where the servers listen: the build on its port, the dev server on port + 1000.
        expect(created.stdout).toContain(`build port ${entry.port}, dev server port ${entry.port + 1000}`);
        expect(created.stdout).toContain(`its dev server (HMR) on http://localhost:${entry.port + 1000}`);
        expect(created.stdout).toContain(`npx atrium check http://localhost:${entry.port}/remoteEntry.js`);
        expect(entry).toMatchObject({ name, dir, module: './app', activeWhen: `/${name}`, region: 'main' });
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'));
        expect(pkg.name).toBe(`@atrium-mfe/${name}`);
        expect(fs.readFileSync(path.join(ROOT, dir, 'vite.config.ts'), 'utf8')).toContain(`port: ${entry.port}`);
        // A second run must not overwrite the first.
        expect((await atrium(['create', name])).status).toBe(2);

        const built = await run(ROOT, NPM, ['run', 'build', '-w', dir]);
        expect(built.status, explain(built)).toBe(0);
        expect(fs.existsSync(path.join(ROOT, dir, 'dist/remoteEntry.js'))).toBe(true);

        const unit = await run(ROOT, process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'unit', dir]);
        expect(unit.status, explain(unit)).toBe(0);
        expect(unit.stdout).toMatch(/1 passed/);

        fs.writeFileSync(path.join(ROOT, dir, 'tsconfig.check.json'), JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { types: ['vite/client'] }, include: ['src', 'vite.config.ts'] }));
        const typed = await run(ROOT, process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(dir, 'tsconfig.check.json')]);
        expect(typed.status, explain(typed)).toBe(0);

        // What `npm start` serves: the catalog's entry, on its own origin, behind the real host.
        const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, 'atrium.dev.json'), 'utf8'));
        stack = await startStack({ ephemeral: true, servers: false, mfes: catalog.mfes.filter((m: { name: string }) => m.name === name || m.name === 'navigation') });
        const { page, record, context } = await newPage(browser);
        await page.goto(`${stack.hostUrl}/${name}`);
        await page.getByRole('heading', { name: entry.title }).waitFor();
        await page.getByRole('button', { name: 'Mark next step done' }).click();
        expect(record.pageErrors).toEqual([]);
        await context.close();

        const checked = await checkMfe(`${stack.urls[name]}/remoteEntry.js`, ['--cycles', '20']);
        expect(checked.status, explain(checked.result)).toBe(0);
        expect(checked.json.checks.filter((c) => c.status === 'fail')).toEqual([]);
      } finally {
        await stack?.close();
        restore();
      }
      expect(fs.existsSync(path.join(ROOT, dir))).toBe(false);
      expect(fs.existsSync(path.join(ROOT, 'node_modules/@atrium-mfe', name))).toBe(false);
    }, 180_000);
  }
});

describe('atrium check', () => {
  it('passes healthy example MFEs, plain and React', async () => {
    for (const dir of ['mfes/accounts/dist', 'mfes/insights/dist']) {
      const server = await serve(dir);
      try {
        const { status, json, result } = await checkMfe(`${server.url}/remoteEntry.js`);
        expect(status, explain(result)).toBe(0);
        expect(json.ok).toBe(true);
        expect(json.checks.map((c) => c.id)).toEqual(['host', 'lifecycles', 'scope', 'unmount-dom', 'unmount-active', 'cycles', 'globals', 'origins', 'errors', 'size']);
        expect(json.checks.find((c) => c.id === 'size')?.detail).toMatch(/^JS \d+ files, [\d.]+ KB transferred/);
      } finally {
        await server.close();
      }
    }
  }, 120_000);

  it('fails a leaky MFE with exit 1, naming the interval, the listener and the global, with fixes', async () => {
    const server = await serve('e2e/fixtures/fx_leaky/dist');
    try {
      const { status, json, result } = await checkMfe(`${server.url}/remoteEntry.js`);
      expect(status, explain(result)).toBe(1);
      const byId = Object.fromEntries(json.checks.map((c) => [c.id, c]));
      // It renders and unmounts its DOM correctly: only the leaks fail.
      for (const id of ['host', 'lifecycles', 'scope', 'unmount-dom']) expect(byId[id]?.status, id).toBe('pass');
      expect(byId['unmount-active']).toMatchObject({ status: 'fail' });
      expect(byId['unmount-active']?.detail).toMatch(/setInterval\(…, 1000 ms\) at assets\/app-[\w-]+\.js:\d+:\d+/);
      expect(byId['unmount-active']?.detail).toContain('window "resize" listener');
      expect(byId['unmount-active']?.fix).toContain('{ signal }');
      expect(byId['cycles']).toMatchObject({ status: 'fail' });
      expect(byId['cycles']?.detail).toMatch(/listeners \+45, active timers \+45/);
      expect(byId['cycles']?.detail).toMatch(/JS heap \+[\d.]+ MB after GC/);
      expect(byId['globals']).toMatchObject({ status: 'fail', detail: 'new on window: leakyLastMount' });

      // What a person reads in CI.
      const human = await atrium(['check', `${server.url}/remoteEntry.js`, '--cycles', '10']);
      expect(human.status).toBe(1);
      expect(human.stdout).toContain('✓ renders only inside its element');
      expect(human.stdout).toContain('✗ unmount removes its listeners and timers');
      expect(human.stdout).toContain('✗ leaks no globals');
      expect(human.stdout).toMatch(/fix: .*clearInterval/);
      expect(human.stdout).toContain('3 of 9 checks failed');
    } finally {
      await server.close();
    }
  }, 120_000);

  it('exits 2 when the MFE cannot be loaded or the command is misused', async () => {
    const server = await serve('e2e/fixtures/fx_leaky/dist');
    try {
      const missing = await checkMfe(`${server.url}/9.9.9/remoteEntry.js`);
      expect(missing.status).toBe(2);
      expect(missing.json.error).toContain('answered 404');
      // Served, with CORS, but not a remote entry: the host cannot load it.
      const notAnEntry = await checkMfe(`${server.url}/index.html`, ['--timeout', '3000']);
      expect(notAnEntry.status, explain(notAnEntry.result)).toBe(2);
      expect(notAnEntry.json.error).toContain('could not load the MFE');
      // A manifest name other than the container's still loads, but is worth a warning.
      const renamed = await checkMfe(`${server.url}/remoteEntry.js`, ['--name', 'not_it', '--cycles', '2']);
      expect(renamed.json.checks.find((c) => c.id === 'name')).toMatchObject({ status: 'warn' });
    } finally {
      await server.close();
    }
    const usage = await atrium(['check']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: atrium check <url of remoteEntry.js>');
    expect((await atrium(['check', 'not a url'])).status).toBe(2);
    // The old script name is a thin alias of the same command.
    expect((await node('scripts/check-mfe.mjs', ['not a url'])).status).toBe(2);
  }, 60_000);
});

describe('@atrium/shared as a package', () => {
  it('packs into a tarball an MFE outside the repository installs and typechecks against (strict)', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-external-mfe-'));
    try {
      const built = await run(ROOT, NPM, ['run', 'build', '-w', 'shared']);
      expect(built.status, explain(built)).toBe(0);
      // The source package points at src/*.ts: packing it is refused with what to do instead.
      const refused = await run(ROOT, NPM, ['pack', '-w', 'shared', '--dry-run']);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('npm pack ./shared/dist');

      const packed = await run(ROOT, NPM, ['pack', './shared/dist', '--pack-destination', outside, '--json']);
      expect(packed.status, explain(packed)).toBe(0);
      const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
      const files = tarball?.files.map((f) => f.path) ?? [];
      expect(files).toEqual(expect.arrayContaining(['package.json', 'index.js', 'index.d.ts', 'contracts/lifecycle.d.ts', 'vite/index.mjs']));
      expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);

      fs.writeFileSync(path.join(outside, 'package.json'), JSON.stringify({ name: 'external-mfe', private: true, type: 'module' }));
      const install = (extra: string[]) => run(outside, NPM, ['install', path.join(outside, tarball?.filename ?? ''), 'single-spa@6.0.3', '--no-audit', '--no-fund', ...extra], 170_000);
      let installed = await install(['--offline']);
      if (installed.status !== 0) installed = await install([]); // not in the npm cache: the registry
      expect(installed.status, explain(installed)).toBe(0);

      fs.mkdirSync(path.join(outside, 'src'));
      fs.writeFileSync(path.join(outside, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noEmit: true, types: [], skipLibCheck: false },
        include: ['src'],
      }));
      fs.writeFileSync(path.join(outside, 'src/app.ts'), EXTERNAL_MFE);
      const typed = await run(outside, process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
      expect(typed.status, explain(typed)).toBe(0);
      // The same file with the wrong prop not marked as expected fails: the check has teeth.
      fs.writeFileSync(path.join(outside, 'src/app.ts'), EXTERNAL_MFE.replaceAll('// @ts-expect-error', '//'));
      const wrong = await run(outside, process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
      expect(wrong.stdout).toContain("Type 'number' is not assignable to type 'string'");

      // And the compiled JS runs in plain Node.
      const ran = await run(outside, process.execPath, ['--input-type=module', '-e', "const m = await import('@atrium/shared'); const i = await import('@atrium/shared/internal'); console.log(typeof m.defineMfe, typeof m.standaloneProps, i.MANIFEST_VERSION)"]);
      expect(ran.stdout.trim(), explain(ran)).toBe('function function 1');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  }, 180_000);
});

/** An MFE written by a team outside this repository, against the installed package only. */
const EXTERNAL_MFE = `import { defineMfe, standaloneProps } from '@atrium/shared';
import type { AtriumProps } from '@atrium/shared';
import type { ManifestEntry } from '@atrium/shared/internal';

interface Props {
  readonly greeting?: string;
}

export const { bootstrap, mount, unmount } = defineMfe<Props>({
  async mount({ domElement, props, signal }: AtriumProps<Props>) {
    const p = document.createElement('p');
    p.textContent = props.greeting ?? 'Hello from outside the repository';
    domElement.append(p);
    window.addEventListener('resize', () => undefined, { signal });
  },
  async unmount({ domElement }) {
    domElement.replaceChildren();
  },
});

export const entry: ManifestEntry = { name: 'external', entry: 'https://cdn.example.com/external/1.0.0/remoteEntry.js', module: './app', version: '1.0.0', activeWhen: '/external', region: 'main' };

export const props = standaloneProps<Props>({ name: 'external', domElement: document.createElement('div'), props: { greeting: 'hi' } });

// @ts-expect-error: greeting is a string, not a number
standaloneProps<Props>({ name: 'external', domElement: document.createElement('div'), props: { greeting: 42 } });
`;
