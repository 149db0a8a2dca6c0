import { describe, expect, it } from 'vitest';
import { erfc, normalTwoSidedP, twoProportionTest } from '../../src/compare/sample-share-test.js';

/** Relative closeness: erfc's Chebyshev fit promises a fractional error below 1.2e-7. */
function expectRelativelyClose(actual: number, expected: number, tolerance = 2e-7) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

describe('erfc', () => {
  it('matches reference values (Python math.erfc)', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expectRelativelyClose(erfc(0.5), 0.4795001221869535);
    expectRelativelyClose(erfc(1), 0.15729920705028513);
    expectRelativelyClose(erfc(2), 0.004677734981047265);
    expectRelativelyClose(erfc(3), 2.2090496998585438e-5);
    expectRelativelyClose(erfc(5), 1.5374597944280351e-12);
    expectRelativelyClose(erfc(-1), 1.842700792949715);
  });

  it('gives the normal two-sided tail: 5% at 1.96, 1% at 2.576', () => {
    expect(normalTwoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(normalTwoSidedP(0)).toBeCloseTo(1, 7);
    expect(normalTwoSidedP(Infinity)).toBe(0);
  });
});

describe('twoProportionTest', () => {
  it('matches a hand computation: 360/1000 vs 300/1000', () => {
    // pooled 0.33, SE = √(0.33·0.67·(2/1000)) = 0.0210286, z = 0.06 / SE = 2.85326, p = erfc(z/√2)
    const result = twoProportionTest({ hits: 360, total: 1000 }, { hits: 300, total: 1000 })!;
    expect(result.z).toBeCloseTo(2.8532635032055063, 9);
    expectRelativelyClose(result.pValue, 0.004327272365904403, 1e-6);
    expect(result.currentShare).toBe(0.36);
    expect(result.baselineShare).toBe(0.3);
  });

  it('signs z by the direction of the change, with unequal sample counts', () => {
    // 250/400 vs 300/400: pooled 0.6875, z = -3.81385, p = 1.3682e-4
    const result = twoProportionTest({ hits: 250, total: 400 }, { hits: 300, total: 400 })!;
    expect(result.z).toBeCloseTo(-3.813850356982369, 9);
    expectRelativelyClose(result.pValue, 0.00013681833162739281, 1e-5);
    // 20/100 vs 10/100: z = 1.98030, p = 0.04767
    expectRelativelyClose(twoProportionTest({ hits: 20, total: 100 }, { hits: 10, total: 100 })!.pValue, 0.04767038065616144, 1e-6);
  });

  it('refuses when an expected count is below 5 or a side has no samples', () => {
    // pooled 4/100: 50 · 0.04 = 2 expected hits per side
    expect(twoProportionTest({ hits: 3, total: 50 }, { hits: 1, total: 50 })).toBeUndefined();
    // the same rule for misses: 98 of 100 on the stack
    expect(twoProportionTest({ hits: 99, total: 100 }, { hits: 97, total: 100 })).toBeUndefined();
    expect(twoProportionTest({ hits: 0, total: 0 }, { hits: 10, total: 100 })).toBeUndefined();
    // pooled 15/200 = 0.075: 7.5 expected on each side, enough
    expect(twoProportionTest({ hits: 10, total: 100 }, { hits: 5, total: 100 })!.pValue).toBeCloseTo(0.17949481837303058, 6);
  });
});
