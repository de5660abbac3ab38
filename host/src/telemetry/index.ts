export { mfeForStack } from './attribution.js';
export type { AttributableMfe } from './attribution.js';
export { resolveTelemetryOptions } from './options.js';
export type { ResolvedTelemetryOptions, TelemetryConfig } from './options.js';
export type { SpanRecord, SpanSink } from './span-record.js';
export { Telemetry } from './telemetry.js';
export type { TelemetryDeps, TelemetrySources } from './telemetry.js';
export { startTelemetry } from './start.js';
