import { studentTTwoSidedP } from './student-t.js';

/**
 * The `t` with P(|T| ≥ t) = p for Student's t: the value a two-sided tail probability leaves on
 * each side. Found by bisection on the tail function itself, so it agrees with the p-values to
 * the last digit that matters.
 */
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
