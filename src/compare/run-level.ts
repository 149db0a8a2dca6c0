import type { ZoneStat } from '../model/zone-stat.js';
import { median } from './median.js';

/**
 * A zone's typical time per call from run to run: the median over its rounds of each round's
 * median call. What a verdict's Δ compares, and what tables show beside the mean; a zone
 * without rounds falls back to its mean.
 */
export function runLevelMedian(zone: ZoneStat | undefined): number {
  if (!zone) return Number.NaN;
  const rounds = zone.rounds ?? [];
  if (rounds.length === 0) return zone.meanNs;
  return median(rounds.map((round) => round.medianNs));
}
