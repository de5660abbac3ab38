import { afterEach, describe, expect, it, vi } from 'vitest';
import { telemetrySection } from '../config/telemetry.js';
import type { ResolvedEntry } from '../manifest/index.js';
import { FIRST_CONTENT_MARK } from '../observability/marks.js';
import { ErrorReporter } from '../observability/errors.js';
import type { SpanRecord, SpanSink } from './span-record.js';
import { startTelemetry } from './start.js';
import { startRecorder } from './telemetry.js';

const section = telemetrySection({ endpoint: 'https://otel.example.com/v1/traces', sampleRate: 0.5 })!;
const cart = { name: 'cart', version: '1.2.0', entryUrl: new URL('https://cdn.example.com/cart/1.2.0/remoteEntry.js') } as ResolvedEntry;

afterEach(() => {
  vi.unstubAllGlobals();
  performance.clearMarks(FIRST_CONTENT_MARK);
});

/** The recorder module as the probe loads it, exporting into `written`. */
function recorderModule(written: { name: string; mfe: string | undefined; version: string | undefined }[]) {
  const sink: SpanSink = { write: (records: readonly SpanRecord[], versionOf) => written.push(...records.map((r) => ({ name: r.name, mfe: r.mfe, version: r.mfe ? versionOf(r.mfe) : undefined }))), flush: async () => undefined };
  return { startRecorder: (s: typeof section, probe: Parameters<typeof startRecorder>[1]) => startRecorder(s, probe, { loadSink: async () => sink }) };
}

const until = async (test: () => boolean) => {
  for (let i = 0; i < 200 && !test(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('startTelemetry', () => {
  it('reports a telemetry section the recorder refuses as a config error, and exports nothing', async () => {
    const errors = new ErrorReporter();
    const written: { name: string; mfe: string | undefined; version: string | undefined }[] = [];
    const bad = telemetrySection({ endpoint: 'ftp://otel.example.com', sampleRate: 7 })!;
    expect(bad.sampleRate).toBe(1); // counted as sampled, so that the recorder loads and says what is wrong
    startTelemetry(bad, errors, { random: () => 0.99, load: async () => recorderModule(written), firstContentTimeoutMs: 10 });
    await until(() => errors.history().length > 0);
    expect(errors.history().map((e) => [e.step, e.error.name, e.error.message])).toEqual([
      ['config', 'ConfigError', 'host config "telemetry.endpoint" must be http(s): ftp://otel.example.com — telemetry is off until atrium.config.json is fixed'],
    ]);
    expect(written).toEqual([]);
  });

  it('is off for a page load outside the sample: nothing recorded, nothing loaded', async () => {
    const load = vi.fn();
    expect(startTelemetry(section, new ErrorReporter(), { random: () => 0.7, load })).toBeUndefined();
    performance.mark(FIRST_CONTENT_MARK);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(load).not.toHaveBeenCalled();
  });

  it('notes API requests, uncaught errors and listener errors until first content, then loads the recorder and exports them with the MFE version', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 200 })));
    const written: { name: string; mfe: string | undefined; version: string | undefined }[] = [];
    const load = vi.fn(async () => recorderModule(written));
    const probe = startTelemetry(section, new ErrorReporter(), { random: () => 0.2, load });
    expect(probe).toBeDefined();
    probe!.saw(cart);
    await probe!.fetchFor(cart)('https://api.example.com/cart?user=42');
    probe!.listenerError(new Error('listener broke'), { type: 'cart:item-added', listener: 'cart', source: 'catalog' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(load).not.toHaveBeenCalled();
    performance.mark(FIRST_CONTENT_MARK);
    await until(() => written.length > 1);
    expect(load).toHaveBeenCalledOnce();
    expect(written).toEqual([{ name: 'atrium.mfe.error', mfe: 'cart', version: '1.2.0' }, { name: 'GET', mfe: 'cart', version: '1.2.0' }]);
    // Taken over: a later request goes straight to the recorder.
    await probe!.fetchFor(cart)('https://api.example.com/cart');
    await until(() => written.length > 2);
    expect(written[2]).toEqual({ name: 'GET', mfe: 'cart', version: '1.2.0' });
  });

  it('loads the recorder anyway when no content shows in time, so errors of a broken page are exported', async () => {
    const written: { name: string; mfe: string | undefined; version: string | undefined }[] = [];
    const errors = new ErrorReporter();
    startTelemetry(section, errors, { random: () => 0, load: async () => recorderModule(written), firstContentTimeoutMs: 10 });
    errors.report({ mfe: 'cart', step: 'load', error: Object.assign(new Error('404'), { name: 'RemoteLoadError' }) as never });
    await until(() => written.length > 0);
    expect(written).toEqual([{ name: 'atrium.mfe.error', mfe: 'cart', version: undefined }]);
  });
});
