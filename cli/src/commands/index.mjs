/**
 * Every `atrium` subcommand, by name. A command module exports
 * `{ summary, usage, options, run(ctx) → result, format?(result) → string }`:
 * - `options`: node:util parseArgs option specs (the common `--json` and `--help` are added);
 * - `run` returns a plain JSON-able result (printed as is with `--json`) or throws a CliError;
 * - `format` turns the result into the readable text printed without `--json`.
 * Commands are imported lazily so `atrium status` never loads Chromium or the build tooling.
 * @type {Record<string, () => Promise<import('../main.mjs').Command>>}
 */
export const commands = {
  create: () => import('./create.mjs'),
  dev: () => import('./dev.mjs'),
  check: () => import('./check.mjs'),
  embed: () => import('./embed.mjs'),
  publish: () => import('./publish.mjs'),
  promote: () => import('./promote.mjs'),
  rollback: () => import('./rollback.mjs'),
  status: () => import('./status.mjs'),
  history: () => import('./history.mjs'),
  headers: () => import('./headers.mjs'),
};
