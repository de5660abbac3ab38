import { spawn } from 'node:child_process';

export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// A child vitest must not think it runs inside this one; Vite's federation plugin also switches
// itself off under a test runner.
export const childEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'));

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command to its end and collects its output. Asynchronous on purpose: the servers under
 * test live in the test's process, so blocking it (spawnSync) would leave the child waiting for a
 * server that can never answer.
 */
export function run(cwd: string, command: string, args: string[], timeout = 120_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
