import type { ComparisonNoise, ZoneComparison, ZoneRunComparison } from '../compare/comparison.js';
import { formatCount, formatPercentLimit } from './format.js';

/**
 * The sentences every renderer (terminal, PDF, HTML, CI summary) uses to say how zones were
 * judged and how much the run could see, so that they read the same everywhere.
 */

/** The rule a confirmed change met. */
export function ruleText(comparison: Pick<ZoneRunComparison, 'thresholdPercent' | 'alpha' | 'noise'>): string {
  const rounds = comparison.noise?.rounds;
  const on = rounds ? ` on ${formatCount(rounds.current)} vs ${formatCount(rounds.baseline)} rounds` : '';
  return `|Δ| ≥ ${comparison.thresholdPercent}% of the run-level median, confirmed by a rank test${on} at a ${formatPercentLimit(comparison.alpha * 100)} false discovery rate over all zones`;
}

/**
 * The noise line: how many zones could have shown a change of 5, 10 and 25 %, or, when no
 * zone can be judged, why and what would make it possible.
 */
export function noiseText(noise: ComparisonNoise, roundsNeeded: number): string {
  if (noise.matched === 0) return 'no zone in both runs: nothing to judge';
  if (noise.judged === 0) {
    const have = `${formatCount(noise.rounds.current)} vs ${formatCount(noise.rounds.baseline)} round${noise.rounds.current === 1 && noise.rounds.baseline === 1 ? '' : 's'}`;
    return (
      `not judged: ${have} cannot confirm a change; record ${formatCount(roundsNeeded)} or more rounds on each side ` +
      '(the rounds option, perf-report vitest|jest --perf-rounds N, or perf-report ab)'
    );
  }
  const { detectable } = noise;
  const of = `of ${formatCount(noise.matched)} zones`;
  const pooled = noise.pooledBaseline ? '; the baseline has no rounds (stored before them), so its means stand in and verdicts are less reliable' : '';
  return (
    `noise: ${formatCount(detectable[5])} ${of} could confirm a 5% change, ${formatCount(detectable[10])} a 10% change, ` +
    `${formatCount(detectable[25])} a 25% change (median detectable change ${formatPercentLimit(noise.medianMdePercent)})${pooled}`
  );
}

/** The smallest rounds a side that could confirm a lone change among `zones` at `alpha`: 2 / C(2n, n) ≤ alpha / zones. */
export function roundsNeeded(zones: number, alpha: number): number {
  const level = alpha / Math.max(1, zones);
  let ways = 2; // C(2, 1)
  for (let n = 1; n <= 200; n++) {
    if (2 / ways <= level) return n;
    // C(2n + 2, n + 1) = C(2n, n) · (2n + 1)(2n + 2) / (n + 1)²
    ways = (ways * (2 * n + 1) * (2 * n + 2)) / ((n + 1) * (n + 1));
  }
  return 200;
}

/** A zone's verdict in words for a table cell or a line ("not judged" rather than the key). */
export function verdictLabel(zone: Pick<ZoneComparison, 'verdict'>): string {
  return zone.verdict === 'unjudged' ? 'not judged' : zone.verdict;
}
