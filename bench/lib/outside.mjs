import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { precompress } from '../../scripts/lib/compress.mjs';

/** Runs a command to its end (asynchronously: nothing in this process is blocked meanwhile). */
function run(cwd, command, args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV'));
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * The accounts MFE built the way a team in another repository builds it: `npm run kit` packs the
 * CLI and @atrium/shared; `atrium create accounts --kit …` (from the CLI tarball, as the README
 * says) makes a project outside the workspace with the exact versions; the accounts sources go
 * into it; its own `npm run build` builds it with the preset from the packed tarball. Nothing
 * of the workspace is visible to it. Cached under `<tmp>/atrium-bench-outside/<hash of
 * @atrium/shared's tarball + the sources>` (the install is the slow part), so a second bench run reuses it.
 * @param {string} root the repository
 * @param {(text: string) => void} progress
 * @returns {Promise<{ dir: string, kitVersion: string }>} the project folder (its `dist` is the build)
 */
export async function buildOutsideMfe(root, progress) {
  // Outside the repository, or `atrium create` would (rightly) make a workspace MFE.
  const work = path.join(os.tmpdir(), 'atrium-bench-outside');
  const kitDir = path.join(work, 'kit');
  fs.rmSync(kitDir, { recursive: true, force: true });
  progress('outside-built MFE: packing the kit…');
  await must(run(root, process.execPath, [path.join(root, 'scripts/kit.mjs'), '--out', kitDir]), 'npm run kit');
  const tarballs = fs.readdirSync(kitDir).filter((f) => f.endsWith('.tgz')).sort();
  const cli = tarballs.find((f) => f.startsWith('atrium-cli-'));
  if (!cli) throw new Error(`the kit in ${kitDir} has no CLI tarball: ${tarballs.join(', ')}`);
  const source = path.join(root, 'mfes/accounts/src');
  const hash = crypto.createHash('sha256');
  // What the build depends on: @atrium/shared (its preset) and the sources — not the CLI, which
  // carries the host build and changes with every host rebuild.
  for (const file of [...tarballs.filter((f) => f.startsWith('atrium-shared-')).map((f) => path.join(kitDir, f)), ...fs.readdirSync(source).sort().map((f) => path.join(source, f))]) hash.update(fs.readFileSync(file));
  const project = path.join(work, hash.digest('hex').slice(0, 16), 'accounts');
  if (fs.existsSync(path.join(project, 'dist/remoteEntry.js.br'))) return { dir: project, kitVersion: cli };
  fs.rmSync(path.dirname(project), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(project), { recursive: true });
  progress('outside-built MFE: atrium create + npm install (first run only, ~1 min)…');
  await must(run(path.dirname(project), npmCommand(), ['exec', '--yes', '--prefer-offline', '--package', path.join(kitDir, cli), '--', 'atrium', 'create', 'accounts', '--kit', kitDir]), 'atrium create');
  // The team's own code: the accounts MFE's sources in place of the template's.
  fs.rmSync(path.join(project, 'src'), { recursive: true, force: true });
  fs.cpSync(source, path.join(project, 'src'), { recursive: true });
  await must(run(project, npmCommand(), ['run', 'build']), 'npm run build (outside the workspace)');
  // Compressed as a CDN serves it, like the in-repo builds (scripts/build.mjs).
  precompress(path.join(project, 'dist'));
  return { dir: project, kitVersion: cli };
}

function npmCommand() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** @param {Promise<{ status: number | null, stdout: string, stderr: string }>} pending @param {string} what */
async function must(pending, what) {
  const result = await pending;
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
  return result;
}
