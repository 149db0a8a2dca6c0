import { normalTwoSidedP } from './sample-share-test.js';
import { studentTTwoSidedP } from './student-t.js';

/**
 * The value a two-sided tail probability leaves on each side: the `z` with P(|Z| ≥ z) = p for
 * the standard normal, the `t` with P(|T| ≥ t) = p for Student's t. Found by bisection on the
 * tail functions themselves, so they agree with the p-values to the last digit that matters.
 */
export function normalCriticalValue(twoSidedP: number): number {
  return bisect((z) => normalTwoSidedP(z), twoSidedP, 0, 40);
}

export function studentTCriticalValue(twoSidedP: number, degreesOfFreedom: number): number {
  return bisect((t) => studentTTwoSidedP(t, degreesOfFreedom), twoSidedP, 0, 1e6);
}

/** The x in [low, high] where the decreasing `tail(x)` crosses `target`. */
function bisect(tail: (x: number) => number, target: number, low: number, high: number): number {
  if (!(target > 0)) return Number.POSITIVE_INFINITY;
  if (target >= 1) return 0;
  let lo = low;
  let hi = high;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (tail(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
