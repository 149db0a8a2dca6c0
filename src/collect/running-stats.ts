/**
 * Count, total, extremes, mean and variance of a stream of durations, in one pass and O(1)
 * memory. The variance uses Welford's update, which stays accurate where the naive
 * sum-of-squares loses every digit (durations of 1e9 ns squared exceed 2^53).
 */
export class RunningStats {
  count = 0;
  total = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private mean = 0;
  /** Sum of squared distances from the running mean. */
  private m2 = 0;

  add(value: number): void {
    this.count += 1;
    this.total += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
  }

  /**
   * Sample standard deviation (divides by n − 1; 0 for one sample), as tracy-csvexport
   * computes std_ns: checked against its per-event `-u` export of the fixture captures.
   */
  sampleStd(): number {
    return this.count > 1 ? Math.sqrt(this.m2 / (this.count - 1)) : 0;
  }

  /** Integer mean, total / count rounded down, as tracy-csvexport's mean_ns. */
  integerMean(): number {
    return this.count > 0 ? Math.floor(this.total / this.count) : 0;
  }
}
