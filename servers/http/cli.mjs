import { parseArgs } from 'node:util';

/**
 * Shared command-line handling for `node servers/<name>/server.mjs`: `--port` (or PORT),
 * `--host` (or HOST), `--test-hooks` (or TEST_HOOKS=1), `--quiet`. Logs requests unless quiet,
 * because a person running the file by hand wants to see traffic.
 *
 * @param {number} defaultPort
 * @returns {{ port: number, host: string, testHooks: boolean, log: boolean }}
 */
export function parseCommonArgs(defaultPort) {
  const { values } = parseArgs({
    options: {
      'port': { type: 'string' },
      'host': { type: 'string' },
      'test-hooks': { type: 'boolean' },
      'quiet': { type: 'boolean' },
    },
    strict: false,
  });
  const rawPort = typeof values.port === 'string' ? values.port : process.env.PORT;
  const port = rawPort === undefined || rawPort === '' ? defaultPort : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`--port / PORT must be an integer 0..65535, got "${rawPort}"`);
  }
  return {
    port,
    host: typeof values.host === 'string' ? values.host : process.env.HOST || '127.0.0.1',
    testHooks: values['test-hooks'] === true || process.env.TEST_HOOKS === '1',
    log: values.quiet !== true,
  };
}

/**
 * Runs `start`, prints the URL, and closes cleanly on SIGINT/SIGTERM. A start failure (port taken)
 * prints the error's message and exits with code 1.
 *
 * @param {string} name
 * @param {() => Promise<{ url: string, close(): Promise<void> }>} start
 */
export async function runFromCli(name, start) {
  try {
    const handle = await start();
    process.stdout.write(`${name} listening on ${handle.url}\n`);
    const stop = () => {
      handle.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
