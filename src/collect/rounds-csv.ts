import type { ZoneStat } from '../model/zone-stat.js';
import { quoteIfNeeded } from './zone-csv.js';

/**
 * The per-round statistics of a run's zones, beside its CSV: `app.1.2.0.csv` has
 * `app.1.2.0.rounds.csv`, one row per zone and round. A separate file keeps the statistics
 * CSV exactly tracy-csvexport's format, and lets `perf-report generate` store the rounds of a
 * run recorded earlier.
 */
export const ROUNDS_COLUMNS = [
  'round',
  'name',
  'src_file',
  'src_line',
  'counts',
  'total_ns',
  'mean_ns',
  'min_ns',
  'max_ns',
  'std_ns',
  'p10_ns',
  'p25_ns',
  'p50_ns',
  'p75_ns',
  'p90_ns',
] as const;

const SUFFIX = '.rounds.csv';

/** `x.csv` → `x.rounds.csv`. */
export function roundsPathFor(csvPath: string): string {
  return csvPath.replace(/\.csv$/i, '') + SUFFIX;
}

export function isRoundsFile(path: string): boolean {
  return path.toLowerCase().endsWith(SUFFIX);
}

export function formatRoundsCsv(zones: readonly ZoneStat[]): string {
  const lines = [ROUNDS_COLUMNS.join(',')];
  for (const zone of zones) {
    for (const round of zone.rounds ?? []) {
      lines.push(
        [
          String(round.round),
          quoteIfNeeded(zone.name),
          quoteIfNeeded(zone.srcFile),
          String(zone.srcLine),
          String(round.counts),
          round.totalNs.toFixed(0),
          decimal(round.meanNs),
          round.minNs.toFixed(0),
          round.maxNs.toFixed(0),
          decimal(round.stdNs),
          decimal(round.p10Ns),
          decimal(round.p25Ns),
          decimal(round.medianNs),
          decimal(round.p75Ns),
          decimal(round.p90Ns),
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function decimal(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : '0';
}
