/**
 * The Hodges–Lehmann estimate of the shift between two samples: the median of all pairwise
 * differences a_i − b_j. It goes with the rank test as the mean difference goes with the
 * t-test, and like it ignores a wild value or two. On log-times it is a log-ratio, so the
 * change reads as a percentage of the baseline.
 */
export function hodgesLehmann(a: readonly number[], b: readonly number[]): number {
  const differences: number[] = [];
  for (const x of a) for (const y of b) differences.push(x - y);
  if (differences.length === 0) return Number.NaN;
  differences.sort((x, y) => x - y);
  const middle = differences.length >> 1;
  return differences.length % 2 === 1 ? (differences[middle] as number) : ((differences[middle - 1] as number) + (differences[middle] as number)) / 2;
}

/** The median of a sample (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
