import type { TelemetryConfig } from '../config/telemetry.js';

/** The config with defaults applied; only exists when telemetry is on. */
export interface ResolvedTelemetryOptions {
  readonly endpoint: string;
  readonly sampleRate: number;
  readonly serviceName: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly maxBatchSize: number;
  readonly batchDelayMs: number;
}

/**
 * Validates the `telemetry` section; undefined when telemetry is off (no section, no endpoint).
 * Bad values throw a TypeError/RangeError naming the option and the fix.
 *
 * @example
 * ```ts
 * resolveTelemetryOptions({ endpoint: 'https://otel.example.com/v1/traces', sampleRate: 0.1 });
 * ```
 */
export function resolveTelemetryOptions(raw: unknown, base: string = location.href): ResolvedTelemetryOptions | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new TypeError('host config "telemetry" must be an object like { "endpoint": "https://otel.example.com/v1/traces" }');
  const config = raw as TelemetryConfig;
  if (config.endpoint === undefined) return undefined;
  if (typeof config.endpoint !== 'string') throw new TypeError('host config "telemetry.endpoint" must be the URL of an OTLP/HTTP traces endpoint (…/v1/traces)');
  let endpoint: URL;
  try {
    endpoint = new URL(config.endpoint, base);
  } catch {
    throw new TypeError(`host config "telemetry.endpoint" is not a URL: ${config.endpoint}`);
  }
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') throw new TypeError(`host config "telemetry.endpoint" must be http(s): ${config.endpoint}`);
  const sampleRate = config.sampleRate ?? 1;
  if (typeof sampleRate !== 'number' || !(sampleRate >= 0 && sampleRate <= 1)) throw new RangeError(`host config "telemetry.sampleRate" must be a number from 0 to 1 (got ${String(sampleRate)})`);
  const whole = (key: 'maxBatchSize' | 'batchDelayMs', fallback: number, min: number) => {
    const value = config[key] ?? fallback;
    if (!Number.isInteger(value) || value < min) throw new RangeError(`host config "telemetry.${key}" must be a whole number ≥ ${min} (got ${String(value)})`);
    return value;
  };
  const headers = config.headers ?? {};
  if (typeof headers !== 'object' || Object.values(headers).some((value) => typeof value !== 'string')) throw new TypeError('host config "telemetry.headers" must map header names to strings');
  return {
    endpoint: endpoint.href,
    sampleRate,
    serviceName: typeof config.serviceName === 'string' && config.serviceName ? config.serviceName : 'atrium-host',
    headers,
    maxBatchSize: whole('maxBatchSize', 64, 1),
    batchDelayMs: whole('batchDelayMs', 2000, 0),
  };
}
