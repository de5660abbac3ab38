import { afterEach, describe, expect, it, vi } from 'vitest';
import { StepTimeout, withTimeout } from './timeout.js';

afterEach(() => vi.useRealTimers());

describe('withTimeout', () => {
  it('rejects with StepTimeout when the work does not settle in time', async () => {
    vi.useFakeTimers();
    const result = withTimeout(new Promise(() => undefined), 1_000);
    vi.advanceTimersByTime(1_000);
    await expect(result).rejects.toBeInstanceOf(StepTimeout);
    await expect(result).rejects.toThrow('did not settle within 1000 ms');
  });

  it('passes the result through and leaves no timer behind', async () => {
    vi.useFakeTimers();
    await expect(withTimeout(Promise.resolve(42), 1_000)).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes a rejection through and swallows a late one after a timeout', async () => {
    await expect(withTimeout(Promise.reject(new Error('boom')), 1_000)).rejects.toThrow('boom');
    vi.useFakeTimers();
    let fail: (e: Error) => void = () => undefined;
    const late = new Promise((_, reject) => (fail = reject));
    const result = withTimeout(late, 10);
    vi.advanceTimersByTime(10);
    await expect(result).rejects.toBeInstanceOf(StepTimeout);
    fail(new Error('too late'));
    await Promise.resolve();
  });
});
