import { describe, expect, it, vi } from 'vitest';
import { RefreshQueue } from './refresh-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('RefreshQueue', () => {
  it('runs one exchange at a time, in call order, even when one fails', async () => {
    const queue = new RefreshQueue('test', undefined);
    const log: string[] = [];
    let running = 0;
    const task = (name: string, fail = false) => async () => {
      running += 1;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running -= 1;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run(task('a')), queue.run(task('b', true)), queue.run(task('c'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('holds the cross-tab Web Lock around each exchange when the browser has one', async () => {
    const request = vi.fn((_name: string, _options: LockOptions, task: () => Promise<unknown>) => task());
    const queue = new RefreshQueue('atrium-token-refresh', { request } as unknown as LockManager);
    await expect(queue.run(async () => 'token')).resolves.toBe('token');
    expect(request).toHaveBeenCalledWith('atrium-token-refresh', { mode: 'exclusive' }, expect.any(Function));
  });
});
