// The lazily loaded half of telemetry: the OpenTelemetry web SDK and the OTLP/HTTP (JSON) exporter.
// Its own provider, never registered globally, so an MFE's own OpenTelemetry setup is untouched.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import type { ResolvedTelemetryOptions } from './options.js';
import type { SpanSink } from './span-record.js';

/** Creates the exporter the recorder hands its spans to. */
export function createSpanSink(options: ResolvedTelemetryOptions): SpanSink {
  const exporter = new OTLPTraceExporter({ url: options.endpoint, headers: { ...options.headers } });
  const processor = new BatchSpanProcessor(exporter, { maxExportBatchSize: options.maxBatchSize, scheduledDelayMillis: options.batchDelayMs, maxQueueSize: 2048 });
  const provider = new WebTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName, 'atrium.sample_rate': options.sampleRate }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('atrium-host');
  return {
    write(records, versionOf) {
      for (const record of records) {
        const attributes = { ...record.attributes, ...(record.mfe ? { 'atrium.mfe.name': record.mfe, 'atrium.mfe.version': versionOf(record.mfe) ?? 'unknown' } : {}) };
        const span = tracer.startSpan(record.name, { kind: record.kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL, startTime: record.startTime, attributes, root: true }, ROOT_CONTEXT);
        if (record.error) {
          span.recordException({ name: record.error.type, message: record.error.message, ...(record.error.stack ? { stack: record.error.stack } : {}) });
          span.setStatus({ code: SpanStatusCode.ERROR, message: record.error.message });
        }
        span.end(record.endTime);
      }
    },
    flush: () => provider.forceFlush(),
  };
}
