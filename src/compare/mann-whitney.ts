import { normalTwoSidedP } from './sample-share-test.js';

export interface RankTestResult {
  /** Mann–Whitney U of the first sample: the pairs (a, b) with a > b, ties counting ½. */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  /** The smallest two-sided p-value these sample sizes can give at all (complete separation). */
  smallestPossibleP: number;
}

/** Up to this many arrangements the exact null distribution is counted rather than approximated. */
const EXACT_LIMIT_PAIRS = 2500;

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum) of two independent samples: does one tend to
 * be larger? It compares ranks only, so a round whose median was thrown far off by a stall
 * weighs no more than any other round, and it assumes nothing of the distribution's shape
 * (round-level times can be skewed or two-moded). Without ties and for n·m ≤ 2500 the p-value
 * is exact (the null distribution of U counted by the classic recurrence); otherwise it is
 * the normal approximation with the tie correction and a continuity correction.
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): RankTestResult | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return undefined;
  let u = 0;
  let ties = false;
  for (const x of a) {
    for (const y of b) {
      if (x > y) u += 1;
      else if (x === y) {
        u += 0.5;
        ties = true;
      }
    }
  }
  const smallestPossibleP = Math.min(1, 2 / binomial(n + m, n));
  if (!ties && n * m <= EXACT_LIMIT_PAIRS) {
    const counts = uDistribution(n, m);
    const total = counts.reduce((sum, count) => sum + count, 0);
    const low = Math.min(u, n * m - u);
    let tail = 0;
    for (let k = 0; k <= low; k++) tail += counts[k] ?? 0;
    return { u, pValue: Math.min(1, (2 * tail) / total), smallestPossibleP };
  }
  return { u, pValue: normalApproximation(a, b, u), smallestPossibleP };
}

/** counts[k] = the number of arrangements of n and m values with U = k (no ties). */
function uDistribution(n: number, m: number): number[] {
  // f(i, j, k) = f(i - 1, j, k - j) + f(i, j - 1, k): the largest value comes from the first
  // sample (beating all j of the second) or from the second. Built row by row over i.
  let previous: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const row: number[][] = [];
    for (let j = 0; j <= m; j++) {
      const size = i * j + 1;
      const counts = new Array<number>(size).fill(0);
      if (i === 0 || j === 0) counts[0] = 1;
      else {
        const fromA = previous[j] as number[];
        const fromB = row[j - 1] as number[];
        for (let k = 0; k < size; k++) counts[k] = (k - j >= 0 ? (fromA[k - j] ?? 0) : 0) + (fromB[k] ?? 0);
      }
      row.push(counts);
    }
    previous = row;
  }
  return previous[m] as number[];
}

function normalApproximation(a: readonly number[], b: readonly number[], u: number): number {
  const n = a.length;
  const m = b.length;
  const all = [...a, ...b].sort((x, y) => x - y);
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j] === all[i]) j++;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  const total = n + m;
  const variance = ((n * m) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  if (!(variance > 0)) return 1;
  const distance = Math.max(0, Math.abs(u - (n * m) / 2) - 0.5);
  return normalTwoSidedP(distance / Math.sqrt(variance));
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}
