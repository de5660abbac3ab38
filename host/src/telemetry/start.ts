import { ConfigError, describeError } from '../errors.js';
import { resolveTelemetryOptions } from './options.js';
import { Telemetry } from './telemetry.js';

/**
 * Telemetry for this page load, or undefined when the deployment config has no
 * `telemetry.endpoint` (nothing recorded, nothing loaded). A bad section is reported as a config
 * error and leaves telemetry off; the shell goes on.
 *
 * @example
 * ```ts
 * const telemetry = startTelemetry(config.telemetry, (error) => errors.report({ mfe: undefined, step: 'config', error }));
 * ```
 */
export function startTelemetry(raw: unknown, reportConfigError: (error: ConfigError) => void): Telemetry | undefined {
  try {
    const options = resolveTelemetryOptions(raw);
    return options ? new Telemetry(options) : undefined;
  } catch (error) {
    reportConfigError(new ConfigError(`${describeError(error)} — telemetry is off until atrium.config.json is fixed`, { cause: error }));
    return undefined;
  }
}
