import type { ZoneStat } from '../model/zone-stat.js';

/**
 * One zone recorded in several independent parts of a run (the shards of a suite split over CI
 * jobs) as the one zone an unsplit run would have recorded: counts and totals summed, extremes
 * kept, and the variance of all calls combined exactly from each part's mean and variance, as
 * `mergeRounds` combines rounds. The parts' rounds are all kept: round 3 of two shards is two
 * separate runs of the zone, each a sample of its own. `spanNs` is the whole run's wall span,
 * for `total_perc`.
 */
export function poolZoneStats(parts: readonly ZoneStat[], spanNs: number): ZoneStat {
  const first = parts[0];
  if (!first) throw new Error('poolZoneStats needs at least one part');
  const counts = parts.reduce((sum, part) => sum + part.counts, 0);
  const totalNs = parts.reduce((sum, part) => sum + part.totalNs, 0);
  const mean = counts > 0 ? totalNs / counts : 0;
  // Σ (n_i − 1)·s_i² within parts + Σ n_i·(mean_i − mean)² between them; mean_i exact from the total.
  const squares = parts.reduce((sum, part) => {
    const partMean = part.counts > 0 ? part.totalNs / part.counts : 0;
    return sum + Math.max(0, part.counts - 1) * part.stdNs ** 2 + part.counts * (partMean - mean) ** 2;
  }, 0);
  const rounds = parts.flatMap((part) => part.rounds ?? []).sort((a, b) => a.round - b.round);
  return {
    name: first.name,
    srcFile: first.srcFile,
    srcLine: first.srcLine,
    totalNs,
    totalPerc: spanNs > 0 ? (totalNs / spanNs) * 100 : 0,
    counts,
    meanNs: Math.floor(mean),
    minNs: Math.min(...parts.map((part) => part.minNs)),
    maxNs: Math.max(...parts.map((part) => part.maxNs)),
    stdNs: counts > 1 ? Math.sqrt(Math.max(0, squares) / (counts - 1)) : 0,
    ...(rounds.length > 0 ? { rounds } : {}),
  };
}

/** A profile's wall span as its zones' shares say it (total / total_perc of its largest zone); 0 when none says. */
export function spanOfZones(zones: readonly ZoneStat[]): number {
  let best: ZoneStat | undefined;
  for (const zone of zones) if (zone.totalPerc > 0 && (!best || zone.totalNs > best.totalNs)) best = zone;
  return best ? (best.totalNs / best.totalPerc) * 100 : 0;
}
