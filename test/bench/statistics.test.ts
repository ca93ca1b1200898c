import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from '../../bench/statistics.js';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
  });

  it('does not depend on the order and lies between the extremes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 20 }), fc.integer(), (values, shift) => {
        const m = median(values);
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
        const rotated = [...values.slice(Math.abs(shift) % values.length), ...values.slice(0, Math.abs(shift) % values.length)];
        expect(median(rotated)).toBe(m);
        // As many values lie at or below it as at or above it.
        expect(values.filter((v) => v <= m).length).toBeGreaterThanOrEqual(values.length / 2);
        expect(values.filter((v) => v >= m).length).toBeGreaterThanOrEqual(values.length / 2);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
