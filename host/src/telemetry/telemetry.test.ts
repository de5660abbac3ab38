import { describe, expect, it, vi } from 'vitest';
import { resolveTelemetryOptions } from './options.js';
import { ErrorReporter } from '../observability/errors.js';
import { LifecycleError } from '../errors.js';
import type { SpanRecord, SpanSink } from './span-record.js';
import { Telemetry } from './telemetry.js';


const options = resolveTelemetryOptions({ endpoint: 'https://otel.example.com/v1/traces' }, 'https://portal.example.com/')!;
const states = () => [{ name: 'cart', version: '1.2.0', url: 'https://cdn.example.com/cart/1.2.0/remoteEntry.js' }];

function sinkInto(written: { record: SpanRecord; version: string | undefined }[]): SpanSink {
  return { write: (records, versionOf) => written.push(...records.map((record) => ({ record, version: record.mfe ? versionOf(record.mfe) : undefined }))), flush: async () => undefined };
}

describe('Telemetry', () => {
  it('buffers spans until the SDK has loaded, then writes them with the MFE version', async () => {
    const written: { record: SpanRecord; version: string | undefined }[] = [];
    const loadSink = vi.fn(async () => sinkInto(written));
    const errors = new ErrorReporter();
    errors.report({ mfe: 'cart', step: 'mount', error: new LifecycleError('cart', 'mount', false, "mfe 'cart' died while mounting: mount failed") });
    const telemetry = new Telemetry(options, { states, errors }, { loadSink });
    telemetry.listenerError(new Error('listener broke'), { type: 'cart:item-added', listener: 'cart', source: 'catalog' });
    expect(written).toEqual([]);
    await telemetry.start();
    expect(loadSink).toHaveBeenCalledOnce();
    expect(written.map((w) => [w.record.name, w.record.mfe, w.version, w.record.attributes['atrium.error.kind'], w.record.error?.message])).toEqual([
      ['atrium.mfe.error', 'cart', '1.2.0', 'event-listener', 'listener broke'],
      ['atrium.mfe.error', 'cart', '1.2.0', 'lifecycle', "mfe 'cart' died while mounting: mount failed"],
    ]);
    // Reported after the start: written at once.
    errors.report({ mfe: 'cart', step: 'load', error: new LifecycleError('cart', 'bootstrap', false, 'gone') });
    expect(written.at(-1)?.record.attributes).toMatchObject({ 'atrium.error.kind': 'load', 'atrium.mfe.step': 'load' });
  });

  it('attributes an uncaught error to the MFE whose files its stack points at', async () => {
    const written: { record: SpanRecord; version: string | undefined }[] = [];
    const telemetry = new Telemetry(options, { states, errors: new ErrorReporter() }, { loadSink: async () => sinkInto(written) });
    await telemetry.start();
    const error = new Error('boom');
    error.stack = 'Error: boom\n    at https://portal.example.com/assets/index.js:1:1\n    at tick (https://cdn.example.com/cart/1.2.0/assets/app.js:3:9)';
    telemetry.uncaught(error, undefined, 'uncaught');
    telemetry.uncaught('no stack', undefined, 'unhandledrejection');
    expect(written.map((w) => [w.record.mfe, w.version, w.record.attributes['atrium.error.kind']])).toEqual([
      ['cart', '1.2.0', 'uncaught'],
      [undefined, undefined, 'unhandledrejection'],
    ]);
  });

  it('goes on without exporting when the SDK cannot be loaded', async () => {
    const telemetry = new Telemetry(options, { states, errors: new ErrorReporter() }, { loadSink: () => Promise.reject(new Error('offline')) });
    await expect(telemetry.start()).resolves.toBeUndefined();
    telemetry.record({ name: 'GET', kind: 'client', startTime: 1, endTime: 2, mfe: 'cart', attributes: {} });
    await expect(telemetry.flush()).resolves.toBeUndefined();
  });
});
