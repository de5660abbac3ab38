import { describe, expect, it } from 'vitest';
import { mfeForStack } from './attribution.js';

const mfes = [
  { name: 'cart', url: 'https://cdn.example.com/cart/1.2.0/remoteEntry.js' },
  { name: 'cart-extras', url: 'https://cdn.example.com/cart-extras/2.0.0/remoteEntry.js?atrium-retry=1' },
  { name: 'local', url: 'http://localhost:6210/remoteEntry.js' },
];

describe('mfeForStack', () => {
  it('names the MFE whose deployed folder the topmost MFE frame is in, skipping host frames', () => {
    const stack = `TypeError: x is undefined
    at render (https://portal.example.com/assets/main-abc.js:1:200)
    at onClick (https://cdn.example.com/cart-extras/2.0.0/assets/app-9f.js:1:88)
    at https://cdn.example.com/cart/1.2.0/assets/app-1.js:1:10`;
    expect(mfeForStack(stack, mfes)).toBe('cart-extras');
    expect(mfeForStack('at http://localhost:6210/src/app.ts?t=1:3:7', mfes)).toBe('local');
  });

  it('attributes nothing to an MFE for host-only or empty stacks, or another version of its folder', () => {
    expect(mfeForStack('at https://portal.example.com/assets/main.js:1:1', mfes)).toBeUndefined();
    expect(mfeForStack('at https://cdn.example.com/cart/1.1.0/assets/app.js:1:1', mfes)).toBeUndefined();
    expect(mfeForStack(undefined, mfes)).toBeUndefined();
  });
});
