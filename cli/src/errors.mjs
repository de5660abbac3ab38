/**
 * The CLI's one error family. `exitCode` 1 = the operation was refused or failed (a conflict, a
 * failed check), 2 = the command could not run (usage, unreachable store, missing files).
 * `code` is a stable string for `--json` consumers.
 */
export class CliError extends Error {
  /**
   * @param {string} message what happened and what to do, in one sentence
   * @param {{ code?: string, exitCode?: 1 | 2, details?: Record<string, unknown>, cause?: unknown }} [options]
   */
  constructor(message, { code = 'failed', exitCode = 1, details, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
    this.details = details ?? {};
  }
}

/** A usage mistake: exit code 2 and the command's usage line. */
export class UsageError extends CliError {
  /** @param {string} message */
  constructor(message) {
    super(message, { code: 'usage', exitCode: 2 });
    this.name = 'UsageError';
  }
}
