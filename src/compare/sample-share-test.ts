/**
 * Whether a function's share of a CPU profile's samples changed between two runs.
 *
 * A sampling profiler gives counts, not per-call times, so Welch's test on means does not
 * apply. We use the two-proportion z-test on the share of samples whose stack holds the
 * function (its inclusive samples over all samples of the profile): each sample is taken as
 * a Bernoulli trial "is the function on the stack?", with one success probability per run.
 *
 * Why the share rather than the raw count: a machine that is uniformly slower raises every
 * count but no share, so the test does not confirm a change that is not the code's.
 *
 * Assumptions, stated because they flatter the p-value:
 * - samples are independent; consecutive samples of one loop are correlated, so the real
 *   evidence is smaller than the sample count suggests;
 * - one profile per version: variation between runs of the same code is not measured;
 * - the normal approximation holds: both runs' expected successes and failures under the
 *   pooled share are at least `MIN_EXPECTED` (5, the textbook rule), else no p-value.
 */

/** Hits (samples holding the function) out of all samples of one profile. */
export interface SampleShare {
  hits: number;
  total: number;
}

export interface ShareTestResult {
  /** (current share − baseline share) / its standard error under the pooled share. */
  z: number;
  /** Two-sided p-value from the normal tail. */
  pValue: number;
  currentShare: number;
  baselineShare: number;
}

/** Below this expected count on either side the normal approximation is not trusted. */
export const MIN_EXPECTED = 5;

/**
 * The complementary error function, by the Chebyshev fit of Numerical Recipes (2nd ed., §6.2,
 * `erfcc`): fractional error below 1.2e-7 everywhere, far finer than any alpha we compare with.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 +
      t * (0.37409196 +
        t * (0.09678418 +
          t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const tail = t * Math.exp(poly);
  return x >= 0 ? tail : 2 - tail;
}

/** P(|Z| ≥ |z|) for a standard normal Z. */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (!Number.isFinite(z)) return 0;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * The two-proportion z-test of `current` against `baseline`. Undefined when a side has no
 * samples or an expected count falls below `MIN_EXPECTED`: too few samples to confirm anything.
 */
export function twoProportionTest(current: SampleShare, baseline: SampleShare): ShareTestResult | undefined {
  const n1 = current.total;
  const n2 = baseline.total;
  if (!(n1 > 0) || !(n2 > 0)) return undefined;
  const pooled = (current.hits + baseline.hits) / (n1 + n2);
  const smallestExpected = Math.min(n1, n2) * Math.min(pooled, 1 - pooled);
  if (!(smallestExpected >= MIN_EXPECTED)) return undefined;
  const currentShare = current.hits / n1;
  const baselineShare = baseline.hits / n2;
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = (currentShare - baselineShare) / standardError;
  return { z, pValue: normalTwoSidedP(z), currentShare, baselineShare };
}
