import { describe, expect, it } from 'vitest';
import { regularizedIncompleteBeta, studentTTwoSidedP } from '../../src/compare/student-t.js';
import { welchTest } from '../../src/compare/welch.js';

describe('Student t two-sided tail', () => {
  it('matches the closed form for 1 degree of freedom (Cauchy): 1 − 2·atan(t)/π', () => {
    for (const t of [0.25, 1, 3, 50]) {
      expect(studentTTwoSidedP(t, 1)).toBeCloseTo(1 - (2 * Math.atan(t)) / Math.PI, 12);
    }
    expect(studentTTwoSidedP(1, 1)).toBeCloseTo(0.5, 12);
  });

  it('matches the closed form for 2 degrees of freedom: 1 − t/√(2 + t²)', () => {
    for (const t of [0.5, 2, 10]) {
      expect(studentTTwoSidedP(t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
    }
  });

  it('approaches the normal distribution for many degrees of freedom', () => {
    expect(studentTTwoSidedP(1.959964, 1e7)).toBeCloseTo(0.05, 5);
  });

  it('is symmetric in t and bounded', () => {
    expect(studentTTwoSidedP(-2.5, 7.3)).toBe(studentTTwoSidedP(2.5, 7.3));
    expect(studentTTwoSidedP(0, 5)).toBe(1);
    expect(studentTTwoSidedP(Infinity, 5)).toBe(0);
  });

  it('I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 12);
    expect(regularizedIncompleteBeta(0.8, 1, 3.5)).toBeCloseTo(1 - 0.2 ** 3.5, 12);
  });
});

describe('welchTest', () => {
  it('reproduces a hand computation with 2 degrees of freedom', () => {
    // n = 2, s = 1 on both sides: se = √(1/2 + 1/2) = 1, t = (10 − 12)/1 = −2,
    // df = (1/2 + 1/2)² / ((1/2)²/1 + (1/2)²/1) = 2, p = 1 − 2/√6 = 0.183503…
    const result = welchTest({ mean: 10, std: 1, count: 2 }, { mean: 12, std: 1, count: 2 })!;
    expect(result.t).toBeCloseTo(-2, 12);
    expect(result.degreesOfFreedom).toBeCloseTo(2, 12);
    expect(result.pValue).toBeCloseTo(1 - 2 / Math.sqrt(6), 10);
  });

  it('uses the Welch–Satterthwaite degrees of freedom for unequal variances', () => {
    // v1 = 4/10 = 0.4, v2 = 9/12 = 0.75; t = −2/√1.15 = −1.865010; df = 1.15²/(0.4²/9 + 0.75²/11) = 19.1903
    // (scipy.stats.ttest_ind_from_stats(10, 2, 10, 12, 3, 12, equal_var=False) gives p = 0.0775464).
    const result = welchTest({ mean: 10, std: 2, count: 10 }, { mean: 12, std: 3, count: 12 })!;
    expect(result.t).toBeCloseTo(-1.865010, 5);
    expect(result.degreesOfFreedom).toBeCloseTo(1.3225 / (0.16 / 9 + 0.5625 / 11), 10);
    expect(result.pValue).toBeCloseTo(0.0775464, 6);
  });

  it('confirms the fixture improvement of "parser > handles, commas in names"', () => {
    // Stored statistics from app.1.1.0.csv and app.1.0.0.csv; scipy: t = −30.9154, p = 6.95e−15.
    const result = welchTest(
      { mean: 439910, std: 12499.465458, count: 12 },
      { mean: 725477, std: 29455.751602, count: 12 },
    )!;
    expect(result.t).toBeCloseTo(-30.91538, 4);
    expect(result.pValue).toBeGreaterThan(6.9e-15);
    expect(result.pValue).toBeLessThan(7.0e-15);
  });

  it('has no answer with fewer than two calls on a side', () => {
    expect(welchTest({ mean: 10, std: 0, count: 1 }, { mean: 20, std: 1, count: 50 })).toBeUndefined();
    expect(welchTest({ mean: 10, std: 1, count: 50 }, { mean: 20, std: 0, count: 0 })).toBeUndefined();
  });

  it('treats two constant samples as certain: p = 0 if the means differ, 1 if not', () => {
    expect(welchTest({ mean: 10, std: 0, count: 5 }, { mean: 11, std: 0, count: 5 })!.pValue).toBe(0);
    expect(welchTest({ mean: 10, std: 0, count: 5 }, { mean: 10, std: 0, count: 5 })!.pValue).toBe(1);
  });
});
