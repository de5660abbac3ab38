import { describe, expect, it, vi } from 'vitest';
import { resolveTelemetryOptions } from './options.js';
import type { SpanRecord, SpanSink } from './span-record.js';
import { Telemetry } from './telemetry.js';
import type { TelemetrySources } from './telemetry.js';

const options = resolveTelemetryOptions({ endpoint: 'https://otel.example.com/v1/traces', sampleRate: 0.5 }, 'https://portal.example.com/')!;

function sources(errors: { mfe: string | undefined; step: string; error: Error }[] = []): TelemetrySources {
  return {
    states: () => [{ name: 'cart', version: '1.2.0', url: 'https://cdn.example.com/cart/1.2.0/remoteEntry.js' }],
    onError: () => () => undefined,
    errors: () => errors,
    ready: Promise.resolve(),
  };
}

describe('Telemetry', () => {
  it('records nothing and never loads the SDK on a page load that is not sampled', async () => {
    const loadSink = vi.fn();
    const telemetry = new Telemetry(options, { random: () => 0.7, loadSink });
    expect(telemetry.sampled).toBe(false);
    expect(telemetry.fetchFor('cart')).toBeUndefined();
    await telemetry.start(sources());
    expect(loadSink).not.toHaveBeenCalled();
  });

  it('buffers spans until the SDK has loaded after first content, then writes them with the MFE version', async () => {
    const written: { record: SpanRecord; version: string | undefined }[] = [];
    const sink: SpanSink = { write: (records, versionOf) => written.push(...records.map((record) => ({ record, version: record.mfe ? versionOf(record.mfe) : undefined }))), flush: async () => undefined };
    const loadSink = vi.fn(async () => sink);
    const telemetry = new Telemetry(options, { random: () => 0.2, loadSink, firstContentTimeoutMs: 10 });
    telemetry.listenerError(new Error('listener broke'), { type: 'cart:item-added', listener: 'cart', source: 'catalog' });
    expect(written).toEqual([]);
    const boot = new Error('mount failed');
    await telemetry.start(sources([{ mfe: 'cart', step: 'mount', error: boot }]));
    expect(loadSink).toHaveBeenCalledOnce();
    expect(written.map((w) => [w.record.name, w.record.mfe, w.version, w.record.attributes['atrium.error.kind'], w.record.error?.message])).toEqual([
      ['atrium.mfe.error', 'cart', '1.2.0', 'event-listener', 'listener broke'],
      ['atrium.mfe.error', 'cart', '1.2.0', 'lifecycle', 'mount failed'],
    ]);
  });
});
