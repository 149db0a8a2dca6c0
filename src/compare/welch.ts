import { studentTTwoSidedP } from './student-t.js';

/** A sample summarised as the stored statistics give it: no raw samples are kept. */
export interface SampleSummary {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator, as tracy-csvexport computes it). */
  std: number;
  count: number;
}

export interface WelchResult {
  t: number;
  degreesOfFreedom: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Welch's unequal-variance t-test from summary statistics. Undefined when either side has
 * fewer than two samples: no variance can be estimated, so no change can be confirmed.
 */
export function welchTest(a: SampleSummary, b: SampleSummary): WelchResult | undefined {
  if (a.count < 2 || b.count < 2) return undefined;
  const varianceOfMeanA = (a.std * a.std) / a.count;
  const varianceOfMeanB = (b.std * b.std) / b.count;
  const pooled = varianceOfMeanA + varianceOfMeanB;
  const difference = a.mean - b.mean;
  if (pooled === 0) {
    // Both samples constant: identical means are no evidence of change, different ones are certain.
    const certain = difference !== 0;
    return {
      t: certain ? Math.sign(difference) * Infinity : 0,
      degreesOfFreedom: a.count + b.count - 2,
      pValue: certain ? 0 : 1,
    };
  }
  const t = difference / Math.sqrt(pooled);
  const degreesOfFreedom =
    (pooled * pooled) /
    ((varianceOfMeanA * varianceOfMeanA) / (a.count - 1) +
      (varianceOfMeanB * varianceOfMeanB) / (b.count - 1));
  return { t, degreesOfFreedom, pValue: studentTTwoSidedP(t, degreesOfFreedom) };
}
