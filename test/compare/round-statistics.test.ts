import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../src/compare/false-discovery.js';
import { median } from '../../src/compare/median.js';
import { studentTCriticalValue } from '../../src/compare/quantiles.js';

// Reference values from scipy 1.17 (stats.false_discovery_control, stats.t.ppf).
describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
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
    expect(studentTCriticalValue(0.2, 12)).toBeCloseTo(1.3562173340231978, 6);
  });
});

