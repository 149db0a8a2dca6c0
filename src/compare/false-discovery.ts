/**
 * Benjamini–Hochberg adjusted p-values (q-values) for a family of tests: a zone is a
 * confirmed change when its q-value is below the chosen level, which keeps the expected share
 * of false alarms among the confirmed changes at that level. When nothing changed at all (an
 * A/A comparison) this is the chance of any false alarm in the whole comparison, whatever the
 * number of zones: testing 110 zones each at 1 % gives about one false alarm per comparison,
 * this gives one in a hundred comparisons.
 *
 * Input order is kept; NaN stands for "no test" and stays NaN (it does not count in the family).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const tested = pValues.map((p, index) => ({ p, index })).filter((entry) => !Number.isNaN(entry.p));
  tested.sort((x, y) => x.p - y.p);
  const m = tested.length;
  const adjusted = new Array<number>(pValues.length).fill(Number.NaN);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const entry = tested[rank - 1] as { p: number; index: number };
    running = Math.min(running, (entry.p * m) / rank);
    adjusted[entry.index] = Math.min(1, running);
  }
  return adjusted;
}
