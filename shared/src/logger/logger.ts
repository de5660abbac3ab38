/** Log levels, quietest last. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

// One level for the page: the host sets it from its config, everything else reads it.
let currentLevel: LogLevel = import.meta.env?.DEV ? 'info' : 'warn';

/** Sets the level for every Atrium logger on the page. */
export function setLogLevel(level: LogLevel): void {
  currentLevel = level;
}

/**
 * A `[scope]`-prefixed logger gated by the page-wide level.
 *
 * @example
 * ```ts
 * const log = createLogger('host:loader');
 * log.warn('slow remote', url);
 * ```
 */
export function createLogger(scope: string): Logger {
  const prefix = `[${scope}]`;
  const at = (level: Exclude<LogLevel, 'silent'>) => (...args: unknown[]) => {
    if (ORDER[level] < ORDER[currentLevel]) return;
    // The one place Atrium writes to the console.
    // eslint-disable-next-line no-console
    console[level](prefix, ...args);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
