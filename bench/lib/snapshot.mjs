import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { guardBuilds } from './build-guard.mjs';

const COPY_ATTEMPTS = 5;

/**
 * A frozen copy of the deployment the bench serves: the stack scripts, the API servers, the
 * catalog and the built host and MFEs, copied at one moment into a temporary folder (with
 * node_modules linked). Others may rebuild `host/dist` or an MFE while the bench runs; the copy
 * keeps every visit on the same build, and `meta.hostAssets` in the results names it.
 * @param {string} root the repository
 * @param {string[]} mfes MFE names (folders under mfes/)
 */
export async function snapshotDeployment(root, mfes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    for (const file of ['package.json', 'atrium.dev.json', 'shared/src/versions.json']) fs.cpSync(path.join(root, file), path.join(dir, file));
    for (const folder of ['scripts/lib', 'servers', 'cli/src', 'bench/lib', 'cms']) fs.cpSync(path.join(root, folder), path.join(dir, folder), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const builds = ['host', ...mfes.map((name) => `mfes/${name}`)];
    await copyBuildsConsistently(root, dir, builds);
    for (const mfe of mfes) fs.copyFileSync(path.join(root, 'mfes', mfe, 'package.json'), path.join(dir, 'mfes', mfe, 'package.json'));
    verifyHost(path.join(dir, 'host/dist'));
    /** @type {typeof import('../../scripts/lib/stack.mjs')} */
    const stack = await import(pathToFileURL(path.join(dir, 'scripts/lib/stack.mjs')).href);
    return { dir, stack, close: async () => remove() };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * Copies the dist folders, again when one changed during the copy (a rebuild in progress).
 * @param {string} root @param {string} dir @param {string[]} builds
 */
async function copyBuildsConsistently(root, dir, builds) {
  for (let attempt = 1; ; attempt++) {
    const guard = guardBuilds(builds.map((b) => path.join(root, b, 'dist')));
    try {
      for (const build of builds) {
        fs.rmSync(path.join(dir, build, 'dist'), { recursive: true, force: true });
        fs.cpSync(path.join(root, build, 'dist'), path.join(dir, build, 'dist'), { recursive: true });
      }
      // fs.watch reports asynchronously: give a change during the copy time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
      guard.check();
      return;
    } catch (error) {
      if (attempt >= COPY_ATTEMPTS) throw new Error(`could not take a consistent copy of the builds after ${attempt} attempts (someone keeps rebuilding?): ${error instanceof Error ? error.message : error}`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    } finally {
      await guard.close();
    }
  }
}

/** Every asset the host page references must be in the copy. @param {string} dist */
function verifyHost(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  for (const [, ref] of html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) {
    if (!fs.existsSync(path.join(dist, String(ref)))) throw new Error(`host/dist/index.html references ${ref}, which is missing — the build is incomplete; rerun \`node scripts/build.mjs host\``);
  }
}
