/**
 * The distribution of one zone's per-call durations in one round, small enough to keep for
 * every zone: the exact durations while there are few, then a log-scale histogram. Quantiles
 * (the median above all) come from it; the mean of heavy-tailed per-call times does not
 * describe a zone (one preempted call among a hundred can double it), the median does.
 *
 * The histogram has 64 buckets per doubling (1.1 % wide) and places a quantile inside its
 * bucket by interpolating on the log scale, so its error (a fraction of a percent) stays
 * far below the run-to-run noise the comparison works with.
 */

/** Durations kept exactly before switching to the histogram. */
const EXACT_LIMIT = 256;
const BUCKETS_PER_DOUBLING = 64;

export type Quantiles = { p10: number; p25: number; p50: number; p75: number; p90: number };

export class DurationSketch {
  private exact: number[] | undefined = [];
  private readonly buckets = new Map<number, number>();
  private total = 0;

  get count(): number {
    return this.total;
  }

  add(ns: number): void {
    this.total += 1;
    if (this.exact) {
      this.exact.push(ns);
      if (this.exact.length <= EXACT_LIMIT) return;
      for (const value of this.exact) this.addToHistogram(value);
      this.exact = undefined;
      return;
    }
    this.addToHistogram(ns);
  }

  /** The value below which `fraction` of the durations lie (0 ≤ fraction ≤ 1). */
  quantile(fraction: number): number {
    if (this.total === 0) return Number.NaN;
    if (this.exact) return exactQuantile([...this.exact].sort((a, b) => a - b), fraction);
    return this.histogramQuantile(fraction);
  }

  quantiles(): Quantiles {
    if (this.exact) {
      const sorted = [...this.exact].sort((a, b) => a - b);
      return {
        p10: exactQuantile(sorted, 0.1),
        p25: exactQuantile(sorted, 0.25),
        p50: exactQuantile(sorted, 0.5),
        p75: exactQuantile(sorted, 0.75),
        p90: exactQuantile(sorted, 0.9),
      };
    }
    return {
      p10: this.histogramQuantile(0.1),
      p25: this.histogramQuantile(0.25),
      p50: this.histogramQuantile(0.5),
      p75: this.histogramQuantile(0.75),
      p90: this.histogramQuantile(0.9),
    };
  }

  private addToHistogram(ns: number): void {
    const bucket = bucketOf(ns);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
  }

  private histogramQuantile(fraction: number): number {
    const ordered = [...this.buckets].sort((a, b) => a[0] - b[0]);
    // The same rank convention as the exact path: position (n - 1) · q among the sorted values.
    const rank = (this.total - 1) * Math.min(1, Math.max(0, fraction));
    let below = 0;
    for (const [bucket, count] of ordered) {
      if (rank < below + count) {
        // Values of a bucket spread evenly on the log scale: the k-th of c sits at (k + ½) / c.
        const within = (rank - below + 0.5) / count;
        return bucketLow(bucket) * 2 ** (within / BUCKETS_PER_DOUBLING);
      }
      below += count;
    }
    const last = ordered.at(-1);
    return last ? bucketLow(last[0] + 1) : Number.NaN;
  }
}

/** Linear interpolation between the closest ranks of sorted values. */
function exactQuantile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, fraction));
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (position - low);
}

/** Durations below 1 ns share the lowest bucket (timer resolution makes 0 possible). */
function bucketOf(ns: number): number {
  return Math.floor(Math.log2(Math.max(ns, 1)) * BUCKETS_PER_DOUBLING);
}

function bucketLow(bucket: number): number {
  return 2 ** (bucket / BUCKETS_PER_DOUBLING);
}
