import { parseArgs } from 'node:util';
import { commands } from './commands/index.mjs';
import { CliError, UsageError } from './errors.mjs';

/**
 * @typedef {object} Context
 * @property {string[]} positionals
 * @property {Record<string, string | boolean | string[] | undefined>} values
 * @property {NodeJS.ProcessEnv} env
 * @property {(line: string) => void} progress human-readable progress on stderr (silent with --json)
 * @property {(line: string) => void} warn a warning on stderr, also with --json (a person must see it)
 *
 * @typedef {object} Command
 * @property {string} summary one line for `atrium --help`
 * @property {string} usage e.g. "atrium promote <mfe> <version> [--percent N]"
 * @property {import('node:util').ParseArgsConfig['options']} [options]
 * @property {(ctx: Context) => Promise<unknown>} run
 * @property {(result: any) => string} [format]
 * @property {(result: any) => 0 | 1 | 2} [exitCode] the exit code for a result (default 0)
 */

/**
 * Runs one `atrium` invocation and returns the exit code (0 ok, 1 refused/failed, 2 could not run).
 * @param {string[]} argv
 * @param {{ stdout: { write(s: string): unknown }, stderr: { write(s: string): unknown }, env: NodeJS.ProcessEnv }} io
 */
export async function main(argv, io) {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await help());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    return fail(io, json, new UsageError(`unknown command "${name}" — run \`atrium --help\` for the list`));
  }
  const command = await load();
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout.write(`${command.usage}\n  ${command.summary}\n`);
      return 0;
    }
    const progress = json ? () => {} : (/** @type {string} */ line) => void io.stderr.write(`${line}\n`);
    const warn = (/** @type {string} */ line) => void io.stderr.write(`${line}\n`);
    const result = await command.run({ positionals, values, env: io.env, progress, warn });
    io.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${command.format ? command.format(result) : JSON.stringify(result, null, 2)}\n`);
    // A command whose full report is the answer even when it is a "no" (atrium check) sets the code.
    return command.exitCode ? command.exitCode(result) : 0;
  } catch (error) {
    if (error instanceof TypeError && /** @type {any} */ (error).code?.startsWith('ERR_PARSE_ARGS')) {
      return fail(io, json, new UsageError(`${error.message}\nusage: ${command.usage}`));
    }
    return fail(io, json, error);
  }
}

/** @param {{ stdout: { write(s: string): unknown }, stderr: { write(s: string): unknown } }} io @param {boolean} json @param {unknown} error */
function fail(io, json, error) {
  const known = error instanceof CliError;
  const failure = known ? error : new CliError(`unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { code: 'internal', exitCode: 2 });
  if (json) io.stdout.write(`${JSON.stringify({ error: { code: failure.code, message: failure.message, ...failure.details } }, null, 2)}\n`);
  else io.stderr.write(`atrium: ${failure.message}\n`);
  return failure.exitCode;
}

async function help() {
  const lines = ['usage: atrium <command> [options] [--json]', '', 'commands:'];
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${(await load()).summary}`);
  lines.push('', 'every command takes --json (machine-readable output) and --help; exit codes: 0 ok, 1 refused or failed, 2 could not run');
  return `${lines.join('\n')}\n`;
}
