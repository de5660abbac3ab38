import { describe, expect, it } from 'vitest';
import { standaloneProps } from '@atrium/shared';
import { mount, unmount } from './app.js';

describe('__NAME__', () => {
  it('renders inside its element and leaves nothing behind when unmounted', async () => {
    const domElement = document.createElement('div');
    document.body.append(domElement);
    // The host aborts the mount's signal when the mount ends; do the same here.
    const controller = new AbortController();
    const props = standaloneProps({ name: '__NAME__', domElement, signal: controller.signal });

    await mount(props);
    expect(domElement.querySelector('h1')?.textContent).toBe('__TITLE__');
    expect(domElement.querySelectorAll('li')).toHaveLength(4);
    const status = domElement.querySelector<HTMLElement>('[role="status"]');
    expect(status?.textContent).toMatch(/online|offline/);

    controller.abort();
    await unmount(props);
    expect(domElement.childNodes).toHaveLength(0);

    // A listener still attached would rewrite the (now detached) status line.
    const before = status?.textContent;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
    expect(status?.textContent).toBe(before);
    Reflect.deleteProperty(navigator, 'onLine');
    domElement.remove();
  });
});
