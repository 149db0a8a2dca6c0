import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/compare/false-discovery.js';
import { hodgesLehmann, median } from '../../src/compare/location-shift.js';
import { mannWhitney } from '../../src/compare/mann-whitney.js';
import { normalCriticalValue, studentTCriticalValue } from '../../src/compare/quantiles.js';

// Reference values from scipy 1.17 (stats.mannwhitneyu, stats.false_discovery_control, stats.t.ppf, stats.norm.ppf).
describe('mannWhitney', () => {
  it('gives the exact two-sided p-value without ties', () => {
    expect(mannWhitney([1.2, 3.4, 2.2, 5.1, 4.4], [0.5, 0.9, 1.1, 2.0, 0.7, 1.3])).toMatchObject({ u: 28 });
    expect(mannWhitney([1.2, 3.4, 2.2, 5.1, 4.4], [0.5, 0.9, 1.1, 2.0, 0.7, 1.3])!.pValue).toBeCloseTo(0.017316017316017316, 12);
    expect(mannWhitney([5, 1, 9, 3], [2, 8, 4, 7, 6])!.pValue).toBeCloseTo(0.7301587301587302, 12);
  });

  it('reaches its floor, 2 / C(n + m, n), only at complete separation', () => {
    const high = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
    const low = [1, 2, 3, 4, 5, 6, 7, 8, 9, 9.5];
    const result = mannWhitney(high, low)!;
    expect(result.pValue).toBeCloseTo(1.082508822446903e-5, 15);
    expect(result.smallestPossibleP).toBeCloseTo(2 / 184756, 15);
    // Five rounds a side can never give less than 2 / 252.
    expect(mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])!.pValue).toBeCloseTo(2 / 252, 12);
  });

  it('uses the tie-corrected normal approximation when values tie', () => {
    expect(mannWhitney([1, 2, 2, 3, 4], [2, 3, 3, 5, 6, 7])!.pValue).toBeCloseTo(0.11390314458853068, 7);
  });
});

describe('hodgesLehmann and median', () => {
  it('takes the median of all pairwise differences', () => {
    expect(hodgesLehmann([1, 2, 3], [0])).toBe(2);
    expect(hodgesLehmann([10, 11], [1, 2])).toBe(9);
    // One wild value moves the mean difference by 30, the estimate not at all.
    expect(hodgesLehmann([10, 11, 100], [1, 2, 3])).toBe(9);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('benjaminiHochberg', () => {
  it('adjusts p-values as the step-up procedure does, keeping input order and NaN', () => {
    const q = benjaminiHochberg([0.01, 0.04, Number.NaN, 0.03, 0.005, 0.5]);
    expect(q[2]).toBeNaN();
    [0.025, 0.05, 0.05, 0.025, 0.5].forEach((expected, i) => expect(q[[0, 1, 3, 4, 5][i] as number]).toBeCloseTo(expected, 12));
  });
});

describe('critical values', () => {
  it('invert the tails', () => {
    expect(studentTCriticalValue(0.01, 7)).toBeCloseTo(3.4994832973504924, 6);
    expect(normalCriticalValue(0.001)).toBeCloseTo(3.2905267314919255, 5);
  });
});
