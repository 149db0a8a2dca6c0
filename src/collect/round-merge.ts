import { byTotalTimeDescending } from '../model/profile.js';
import type { ZoneRound, ZoneStat } from '../model/zone-stat.js';

/** One round's aggregate: its zones (each carrying itself as that round) and its wall span. */
export interface RecordedRound {
  round: number;
  spanNs: number;
  zones: ZoneStat[];
}

/**
 * The rounds of one run as one table: every zone's statistics pooled over the rounds it ran
 * in (counts and totals summed, extremes kept, the variance of all calls combined exactly
 * from each round's mean and variance), with each round kept beside them. `total_perc` is
 * the zone's share of all rounds' spans together.
 */
export function mergeRounds(rounds: readonly RecordedRound[]): { zones: ZoneStat[]; spanNs: number } {
  const spanNs = rounds.reduce((sum, round) => sum + round.spanNs, 0);
  const byZone = new Map<string, { first: ZoneStat; rounds: ZoneRound[] }>();
  for (const recorded of [...rounds].sort((a, b) => a.round - b.round)) {
    for (const zone of recorded.zones) {
      const key = `${zone.name}\0${zone.srcFile}\0${zone.srcLine}`;
      const own = zone.rounds?.length ? zone.rounds.map((entry) => ({ ...entry, round: recorded.round })) : [roundOf(zone, recorded.round)];
      const entry = byZone.get(key);
      if (entry) entry.rounds.push(...own);
      else byZone.set(key, { first: zone, rounds: own });
    }
  }
  const zones: ZoneStat[] = [];
  for (const { first, rounds: zoneRounds } of byZone.values()) {
    const counts = zoneRounds.reduce((sum, round) => sum + round.counts, 0);
    const totalNs = zoneRounds.reduce((sum, round) => sum + round.totalNs, 0);
    const mean = totalNs / counts;
    // Σ (n_i − 1)·s_i² within rounds + Σ n_i·(mean_i − mean)² between them.
    const squares = zoneRounds.reduce(
      (sum, round) => sum + (round.counts - 1) * round.stdNs ** 2 + round.counts * (round.meanNs - mean) ** 2,
      0,
    );
    zones.push({
      name: first.name,
      srcFile: first.srcFile,
      srcLine: first.srcLine,
      totalNs,
      totalPerc: spanNs > 0 ? (totalNs / spanNs) * 100 : 0,
      counts,
      meanNs: Math.floor(mean),
      minNs: Math.min(...zoneRounds.map((round) => round.minNs)),
      maxNs: Math.max(...zoneRounds.map((round) => round.maxNs)),
      stdNs: counts > 1 ? Math.sqrt(Math.max(0, squares) / (counts - 1)) : 0,
      rounds: zoneRounds,
    });
  }
  return { zones: zones.sort(byTotalTimeDescending), spanNs };
}

/** A zone without per-round detail taken as one round: its mean stands for its median. */
function roundOf(zone: ZoneStat, round: number): ZoneRound {
  const mean = zone.counts > 0 ? zone.totalNs / zone.counts : 0;
  return {
    round,
    counts: zone.counts,
    totalNs: zone.totalNs,
    meanNs: mean,
    minNs: zone.minNs,
    maxNs: zone.maxNs,
    stdNs: zone.stdNs,
    p10Ns: mean,
    p25Ns: mean,
    medianNs: mean,
    p75Ns: mean,
    p90Ns: mean,
  };
}
