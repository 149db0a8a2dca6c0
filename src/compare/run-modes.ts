import { studentTTwoSidedP } from './student-t.js';

/**
 * Hot JavaScript code often runs at one of two (sometimes three) speeds, about 1.2–2.5× apart:
 * each worker process the JIT compiles it for settles at one of them at random, and may switch
 * while it runs. A zone's round medians then fall into clusters, and comparing their plain
 * averages compares the mixing proportions as much as the code (a +20 % change measured +11 %
 * in one zone). Measured on a 2-core machine, 14 of 20 workloads did this; flags, seeds and
 * warm-up did not stop it.
 *
 * So when the pooled round values of both sides form well-separated clusters, the change is
 * estimated within each cluster and combined: the code's effect is what moves every level.
 */

export interface ModeSplit {
  /** Cluster index of each value, lowest cluster 0. */
  labels: number[];
  /** Mean of each cluster, lowest first. */
  centers: number[];
}

/** The optimal split of 1-D values into `k` contiguous clusters (least squares), by trying every cut. */
export function clusters1d(values: readonly number[], k: 2 | 3): ModeSplit | undefined {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const n = order.length;
  if (n < 2 * k) return undefined;
  const sorted = order.map((entry) => entry.value);
  const prefix = [0];
  const prefixSquares = [0];
  for (const value of sorted) {
    prefix.push(prefix.at(-1)! + value);
    prefixSquares.push(prefixSquares.at(-1)! + value * value);
  }
  const cost = (from: number, to: number): number => {
    const count = to - from;
    const sum = prefix[to]! - prefix[from]!;
    return prefixSquares[to]! - prefixSquares[from]! - (sum * sum) / count;
  };
  let best: { cost: number; cuts: number[] } | undefined;
  if (k === 2) {
    for (let cut = 1; cut < n; cut++) {
      const total = cost(0, cut) + cost(cut, n);
      if (!best || total < best.cost) best = { cost: total, cuts: [cut] };
    }
  } else {
    for (let first = 1; first < n - 1; first++) {
      for (let second = first + 1; second < n; second++) {
        const total = cost(0, first) + cost(first, second) + cost(second, n);
        if (!best || total < best.cost) best = { cost: total, cuts: [first, second] };
      }
    }
  }
  const cuts = [0, ...best!.cuts, n];
  const labels = new Array<number>(n);
  const centers: number[] = [];
  for (let cluster = 0; cluster < cuts.length - 1; cluster++) {
    const from = cuts[cluster]!;
    const to = cuts[cluster + 1]!;
    centers.push((prefix[to]! - prefix[from]!) / (to - from));
    for (let i = from; i < to; i++) labels[order[i]!.index] = cluster;
  }
  return { labels, centers };
}

export interface Bimodality {
  /** Levels of the two modes, lowest first, as exp of the log centers (ns when the values are log ns). */
  levels: [number, number];
  /** Share of the values in the fast (lower) mode. */
  fastShare: number;
}

/**
 * Two modes in a zone's round values (logs): the best two-cluster split separates them by
 * Ashman's D > 2 (a clear gap for their spreads), the smaller holds at least two values and a
 * fifth of them, and the levels differ by more than 15 %.
 */
export function bimodalityOf(logs: readonly number[]): Bimodality | undefined {
  const split = clusters1d(logs, 2);
  if (!split) return undefined;
  const groups = [0, 1].map((cluster) => logs.filter((_, index) => split.labels[index] === cluster));
  const [low, high] = groups as [number[], number[]];
  const variance = (group: number[], center: number) => group.reduce((sum, value) => sum + (value - center) ** 2, 0) / Math.max(1, group.length - 1);
  const [lowCenter, highCenter] = split.centers as [number, number];
  // Ashman's D = √2·|μ₁ − μ₂| / √(σ₁² + σ₂²); above 2 the two modes are cleanly apart.
  const spread = Math.sqrt(variance(low, lowCenter) + variance(high, highCenter));
  const ashman = spread > 0 ? (Math.SQRT2 * (highCenter - lowCenter)) / spread : Number.POSITIVE_INFINITY;
  const minor = Math.min(low.length, high.length);
  // One odd round among ten is an outlier, not a mode: a mode needs two rounds and a fifth of them.
  if (!(ashman > 2) || minor < 2 || minor / logs.length < 0.2 || Math.exp(highCenter - lowCenter) <= 1.15) return undefined;
  return { levels: [Math.exp(lowCenter), Math.exp(highCenter)], fastShare: low.length / logs.length };
}

export interface StratifiedChange {
  /** The weighted within-mode difference of the log values, current − baseline. */
  logShift: number;
  standardError: number;
  degreesOfFreedom: number;
  pValue: number;
  modes: number;
}

/**
 * The change within modes: the pooled values of both sides split into 2 (or 3) clusters, used
 * only when every cluster holds at least two values of each side and the clusters explain most
 * of the spread (the residual spread within clusters and sides is under half of that within
 * sides alone). The side effect is the inverse-variance weighted mean of the per-cluster
 * differences, with a t-test on N − 2K degrees of freedom. Undefined when no split qualifies:
 * the plain test applies then.
 */
export function stratifiedChange(current: readonly number[], baseline: readonly number[]): StratifiedChange | undefined {
  const values = [...baseline, ...current];
  const side = [...baseline.map(() => 0), ...current.map(() => 1)];
  const withinSides = residualSquares([baseline, current]);
  const total = values.length;
  if (total < 4) return undefined;
  const plainSpread = Math.sqrt(withinSides / (total - 2));
  for (const k of [2, 3] as const) {
    const split = clusters1d(values, k);
    if (!split) break;
    const cells = Array.from({ length: k }, (_, cluster) =>
      [0, 1].map((which) => values.filter((_, index) => split.labels[index] === cluster && side[index] === which)),
    ) as Array<[number[], number[]]>;
    if (!cells.every(([base, now]) => base.length >= 2 && now.length >= 2)) continue;
    const residual = residualSquares(cells.flat());
    const freedom = total - 2 * k;
    if (freedom < 1 || !(Math.sqrt(residual / freedom) < 0.5 * plainSpread)) continue;
    let weighted = 0;
    let weights = 0;
    for (const [base, now] of cells) {
      const weight = 1 / (1 / base.length + 1 / now.length);
      weighted += weight * (mean(now) - mean(base));
      weights += weight;
    }
    const logShift = weighted / weights;
    const variance = residual / freedom;
    const standardError = Math.sqrt(variance / weights);
    if (!(standardError > 0)) return { logShift, standardError: 0, degreesOfFreedom: freedom, pValue: logShift === 0 ? 1 : 0, modes: k };
    return { logShift, standardError, degreesOfFreedom: freedom, pValue: studentTTwoSidedP(logShift / standardError, freedom), modes: k };
  }
  return undefined;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function residualSquares(groups: ReadonlyArray<readonly number[]>): number {
  let squares = 0;
  for (const group of groups) {
    if (group.length === 0) continue;
    const center = mean(group);
    for (const value of group) squares += (value - center) ** 2;
  }
  return squares;
}
