import { afterEach, describe, expect, it } from 'vitest';
import { showNotice } from './notices.js';

afterEach(() => document.getElementById('atrium-notices')?.remove());

describe('showNotice', () => {
  it('disables its button and says it is trying while the action runs, then offers it again', async () => {
    // A resume against an IdP that hangs takes up to the engine's request timeout: a click that
    // joins that attempt must show it, and must not start a second one.
    let finish: () => void = () => undefined;
    let runs = 0;
    const notice = showNotice('The sign-in service is unreachable.', 'warning', {
      label: 'Try again',
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    const button = notice.querySelector('button')!;
    button.click();
    expect([button.disabled, button.textContent, button.getAttribute('aria-busy')]).toEqual([true, 'Trying…', 'true']);
    button.click();
    expect(runs).toBe(1);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    expect([button.disabled, button.textContent, button.getAttribute('aria-busy')]).toEqual([false, 'Try again', null]);
  });

  it('keeps a button whose action returns nothing as it is (a reload, a sign-in redirect)', () => {
    let runs = 0;
    const notice = showNotice('The page content could not be loaded.', 'error', { label: 'Reload', run: () => void (runs += 1) });
    const button = notice.querySelector('button')!;
    button.click();
    button.click();
    expect([runs, button.disabled, button.textContent]).toEqual([2, false, 'Reload']);
  });
});
