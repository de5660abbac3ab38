import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHealthBeacon, reportStatuses } from './health-beacon.js';
import type { StatusSource } from './health-beacon.js';

afterEach(() => vi.useRealTimers());

describe('createHealthBeacon', () => {
  it('sends one batch per interval, each outcome once per session, with a stable session id', () => {
    vi.useFakeTimers();
    const sent: { url: string; body: any }[] = [];
    const beacon = createHealthBeacon({ url: '/atrium/health', flushMs: 500, send: (url, body) => (sent.push({ url, body: JSON.parse(body) }), true) });
    beacon.record('accounts', '2.5.0', 'mounted');
    beacon.record('accounts', '2.5.0', 'mounted');
    beacon.record('insights', '1.0.0', 'load');
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/atrium/health');
    expect(sent[0]!.body.events).toEqual([
      { mfe: 'accounts', version: '2.5.0', kind: 'mounted' },
      { mfe: 'insights', version: '1.0.0', kind: 'load' },
    ]);
    beacon.record('accounts', '2.5.0', 'mount');
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body.session).toBe(sent[0]!.body.session);
    expect(sent[0]!.body.session).toMatch(/^[0-9a-f]{32}$/);
    beacon.stop();
  });

  it('sends what is pending when the page is hidden, and never throws when sending fails', () => {
    const send = vi.fn(() => {
      throw new Error('beacon queue full');
    });
    const beacon = createHealthBeacon({ url: '/h', flushMs: 60_000, send });
    beacon.record('accounts', '1.0.0', 'mounted');
    expect(() => dispatchEvent(new Event('pagehide'))).not.toThrow();
    expect(send).toHaveBeenCalledTimes(1);
    beacon.stop();
  });
});

describe('reportStatuses', () => {
  it('reports mounted, load and mount failures, and ignores steps in between', () => {
    let listener: Parameters<StatusSource['subscribe']>[0] = () => {};
    const source: StatusSource = { subscribe: (l) => ((listener = l), () => {}) };
    const record = vi.fn();
    reportStatuses(source, { record, flush: () => {}, stop: () => {} });
    for (const status of ['LOADING_SOURCE_CODE', 'MOUNTED', 'LOAD_ERROR', 'BROKEN', 'NOT_MOUNTED']) listener({ name: 'accounts', status, version: '2.5.0' });
    expect(record.mock.calls).toEqual([['accounts', '2.5.0', 'mounted'], ['accounts', '2.5.0', 'load'], ['accounts', '2.5.0', 'mount']]);
  });
});
