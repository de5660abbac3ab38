import { describe, expect, it } from 'vitest';
import { resolveTelemetryOptions } from './options.js';

describe('resolveTelemetryOptions', () => {
  it('is off (undefined) unless the deployment config names an endpoint', () => {
    expect(resolveTelemetryOptions(undefined)).toBeUndefined();
    expect(resolveTelemetryOptions({ sampleRate: 0.5 })).toBeUndefined();
  });

  it('applies defaults and resolves a relative endpoint against the page', () => {
    expect(resolveTelemetryOptions({ endpoint: '/otel/v1/traces' }, 'https://portal.example.com/accounts')).toEqual({
      endpoint: 'https://portal.example.com/otel/v1/traces', sampleRate: 1, serviceName: 'atrium-host', headers: {}, maxBatchSize: 64, batchDelayMs: 2000,
    });
  });

  it('refuses bad values naming the option', () => {
    const base = 'https://portal.example.com/';
    expect(() => resolveTelemetryOptions('https://otel', base)).toThrow(/"telemetry" must be an object/);
    expect(() => resolveTelemetryOptions({ endpoint: 'ftp://otel.example.com' }, base)).toThrow(/"telemetry.endpoint" must be http\(s\)/);
    expect(() => resolveTelemetryOptions({ endpoint: 'https://o', sampleRate: 2 }, base)).toThrow(RangeError);
    expect(() => resolveTelemetryOptions({ endpoint: 'https://o', sampleRate: 2 }, base)).toThrow(/"telemetry.sampleRate" must be a number from 0 to 1/);
    expect(() => resolveTelemetryOptions({ endpoint: 'https://o', maxBatchSize: 0 }, base)).toThrow(/"telemetry.maxBatchSize"/);
    expect(() => resolveTelemetryOptions({ endpoint: 'https://o', headers: { 'x-key': 1 } }, base)).toThrow(/"telemetry.headers"/);
  });
});
