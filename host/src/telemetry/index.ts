export { apiSpan, observedFetch } from './api-spans.js';
export type { ApiRequest } from './api-spans.js';
export { mfeForStack } from './attribution.js';
export type { AttributableMfe } from './attribution.js';
export type { ResolvedTelemetryOptions } from './options.js';
export type { SpanRecord, SpanSink } from './span-record.js';
export { startTelemetry } from './start.js';
export type { TelemetryProbe, TelemetryStartDeps } from './start.js';
export type { TelemetryDeps, TelemetrySources } from './telemetry.js';
