/** The `telemetry` section of the host config. Absent (or without `endpoint`): no telemetry at all. */
export interface TelemetryConfig {
  /** OTLP/HTTP traces endpoint, e.g. `https://otel.example.com/v1/traces` (it must allow CORS from the page). */
  readonly endpoint?: string;
  /** Share of page loads whose spans are exported, 0–1. Default 1. */
  readonly sampleRate?: number;
  /** `service.name` of the spans. Default `atrium-host`. */
  readonly serviceName?: string;
  /** Extra request headers for the endpoint (an API key of the collector, say). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Spans per export request. Default 64. */
  readonly maxBatchSize?: number;
  /** Longest wait before a partial batch is sent, in ms. Default 2000. */
  readonly batchDelayMs?: number;
}

/**
 * The `telemetry` section as the page reads it at boot: on or off, and the share of page loads
 * sampled. The rest of the section is validated by the recorder's chunk when it loads (after first
 * content), which reports a bad section as a config error and stays off — the boot path carries
 * no more telemetry code than this.
 */
export interface TelemetrySection {
  readonly config: TelemetryConfig;
  /** The sampling share; a value the recorder will refuse counts as 1 so that it loads and says so. */
  readonly sampleRate: number;
}

/** Undefined (telemetry off) unless the section names an `endpoint`. */
export function telemetrySection(raw: unknown): TelemetrySection | undefined {
  const config = raw as TelemetryConfig | null | undefined;
  if (typeof config !== 'object' || config === null || config.endpoint === undefined) return undefined;
  const rate = config.sampleRate;
  return { config, sampleRate: typeof rate === 'number' && rate >= 0 && rate <= 1 ? rate : 1 };
}
