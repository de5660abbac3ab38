import { describe, expect, it } from 'vitest';
import { interval, median, ratioInterval, verdict } from './stats.mjs';

/** Deterministic "visits": a base time with a spread, in a fixed order. */
const visits = (base: number, spread: number, n = 21) => Array.from({ length: n }, (_, i) => base + spread * Math.sin(i * 12.9898) );

describe('ratioInterval', () => {
  it('brackets the ratio of the medians and is reproducible', () => {
    const a = visits(320, 15);
    const b = visits(285, 15);
    const { low, high } = ratioInterval(a, b);
    const ratio = median(a) / median(b);
    expect(low).toBeLessThan(ratio);
    expect(high).toBeGreaterThan(ratio);
    expect(ratioInterval(a, b)).toEqual({ low, high });
  });

  it('is narrow for a tight sample and wide for a noisy one, so a verdict can be told from noise', () => {
    const tight = ratioInterval(visits(320, 3), visits(285, 3));
    const noisy = ratioInterval(visits(320, 40), visits(285, 40));
    expect(tight.high - tight.low).toBeLessThan(0.03);
    expect(noisy.high - noisy.low).toBeGreaterThan(0.1);
    // Clearly slower pages: the whole interval is above 1.
    expect(ratioInterval(visits(400, 10), visits(285, 10)).low).toBeGreaterThan(1.3);
  });

  it('has no interval without visits', () => {
    expect(ratioInterval([], [1, 2])).toEqual({ low: Number.NaN, high: Number.NaN });
  });
});

describe('verdict', () => {
  it('says when an interval reaches across the target, on either side of it', () => {
    expect(verdict({ ratio: 1.13, low: 1.1, high: 1.17, target: 1.15 })).toBe('✓ (within noise)');
    expect(verdict({ ratio: 1.16, low: 1.12, high: 1.2, target: 1.15 })).toBe('✗ (within noise)');
    expect(verdict({ ratio: 1.1, low: 1.08, high: 1.12, target: 1.15 })).toBe('✓');
    expect(verdict({ ratio: 1.3, low: 1.2, high: 1.4, target: 1.15 })).toBe('✗');
    expect(verdict({ ratio: 1.1, target: 1.15 })).toBe('✓');
    expect(verdict({ ratio: 1.1, target: undefined })).toBe('');
    expect([interval({ low: 1.104, high: 1.176 }), interval({})]).toEqual(['1.10–1.18', '']);
  });
});
