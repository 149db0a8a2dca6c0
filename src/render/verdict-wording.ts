import type { ComparisonNoise, ZoneComparison, ZoneRunComparison } from '../compare/comparison.js';
import type { ConditionChange } from '../compare/run-conditions.js';
import { MIN_ROUNDS } from '../compare/zone-change-test.js';
import { formatCount, formatDuration, formatPercentLimit } from './format.js';

/**
 * The sentences every renderer (terminal, PDF, HTML, CI summary) uses to say how zones were
 * judged and how much the run could see, so that they read the same everywhere.
 */

/** The rule a confirmed change met. */
export function ruleText(comparison: Pick<ZoneRunComparison, 'thresholdPercent' | 'alpha' | 'noise'>): string {
  const rounds = comparison.noise?.rounds;
  const on = rounds ? ` on ${formatCount(rounds.current)} vs ${formatCount(rounds.baseline)} rounds` : '';
  return `|Δ| ≥ ${comparison.thresholdPercent}% of the round medians, confirmed by Welch's t${on} at a ${formatPercentLimit(comparison.alpha * 100)} false discovery rate over all zones`;
}

/**
 * The noise line: how many zones could have shown a change of 5, 10 and 25 %, or, when no
 * zone can be judged, why and what would make it possible.
 */
export function noiseText(noise: ComparisonNoise): string {
  if (noise.matched === 0) return 'no zone in both runs: nothing to judge';
  if (noise.judged === 0) {
    const have = `${formatCount(noise.rounds.current)} vs ${formatCount(noise.rounds.baseline)} round${noise.rounds.current === 1 && noise.rounds.baseline === 1 ? '' : 's'}`;
    return (
      `not judged: ${have} cannot confirm a change; record ${MIN_ROUNDS} or more rounds on each side, 10 for changes of 20% ` +
      '(the rounds option, perf-report vitest|jest --perf-rounds N, or perf-report ab)'
    );
  }
  const { detectable } = noise;
  const of = `of ${formatCount(noise.matched)} zones`;
  const modes =
    noise.bimodal > 0
      ? `; ${formatCount(noise.bimodal)} ran at two speed levels from round to round (JIT modes), ${formatCount(noise.judgedWithinModes)} judged within the levels`
      : '';
  const pooled = noise.pooledBaseline ? '; the baseline has no rounds (stored before them), so its means stand in and verdicts are less reliable' : '';
  return (
    `noise: ${formatCount(detectable[5])} ${of} could confirm a 5% change, ${formatCount(detectable[10])} a 10% change, ` +
    `${formatCount(detectable[25])} a 25% change (median detectable change ${formatPercentLimit(noise.medianMdePercent)})${modes}${pooled}`
  );
}

/** A zone's two speed levels in words: `two levels: 107 ns / 205 ns, 60% of rounds fast`. */
export function modesText(modes: NonNullable<ZoneComparison['modes']>): string {
  return `two levels: ${formatDuration(modes.fastNs)} / ${formatDuration(modes.slowNs)}, ${Math.round(modes.fastShare * 100)}% of rounds fast`;
}

/** A zone's verdict in words for a table cell or a line ("not judged" rather than the key). */
export function verdictLabel(zone: Pick<ZoneComparison, 'verdict'>): string {
  return zone.verdict === 'unjudged' ? 'not judged' : zone.verdict;
}

/**
 * The caution when the baseline was measured under other conditions (CPU, Node.js, backend,
 * coverage); undefined when none differed.
 */
export function conditionsText(changes: readonly ConditionChange[] | undefined): string | undefined {
  if (!changes || changes.length === 0) return undefined;
  const list = changes.map((change) => `${change.what} ${change.baseline} → ${change.current}`).join('; ');
  return `measured under other conditions than the baseline (${list}): a change may come from them rather than from the code`;
}
