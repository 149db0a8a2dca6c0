/**
 * fast-check's property tests (`test.prop` of @fast-check/vitest and @fast-check/jest) are
 * registered as `<title> (with seed=<n>)` with a new random seed in every run, so the same test
 * had a new name, and was a new zone, in every run and every round (remeda's suite: 8 new and
 * 8 removed zones between two runs of the same code).
 */
const FAST_CHECK_SEED = / \(with seed=-?\d+\)$/;

/** A test's title without what changes from run to run by design: its zone's name. */
export function stableTitle(title: string): string {
  return title.replace(FAST_CHECK_SEED, '');
}
