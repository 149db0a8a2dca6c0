import type { Metadata } from 'h5wasm/node';
import type { ZoneRound, ZoneStat } from '../model/zone-stat.js';
import { compoundReader, packRows, type FieldSpec, type PackedRows } from './compound-rows.js';

/**
 * A profile's per-round statistics, `/<version>/<platform>/rounds/<profile>`: one row per zone
 * and round, the zone given as its row in `profiles/<profile>`. A dataset beside `profiles/`
 * rather than more fields in it, so readers of the original layout load the file unchanged.
 */
interface RoundRow {
  zone: number;
  entry: ZoneRound;
}

const ROUND_FIELDS: ReadonlyArray<FieldSpec<RoundRow>> = [
  { name: 'zone_index', kind: 'int32', value: (row) => row.zone },
  { name: 'round', kind: 'int32', value: (row) => row.entry.round },
  { name: 'counts', kind: 'int64', value: (row) => row.entry.counts },
  { name: 'total_ns', kind: 'int64', value: (row) => row.entry.totalNs },
  { name: 'mean_ns', kind: 'float64', value: (row) => row.entry.meanNs },
  { name: 'min_ns', kind: 'int64', value: (row) => row.entry.minNs },
  { name: 'max_ns', kind: 'int64', value: (row) => row.entry.maxNs },
  { name: 'std_ns', kind: 'float64', value: (row) => row.entry.stdNs },
  { name: 'p10_ns', kind: 'float64', value: (row) => row.entry.p10Ns },
  { name: 'p25_ns', kind: 'float64', value: (row) => row.entry.p25Ns },
  { name: 'p50_ns', kind: 'float64', value: (row) => row.entry.medianNs },
  { name: 'p75_ns', kind: 'float64', value: (row) => row.entry.p75Ns },
  { name: 'p90_ns', kind: 'float64', value: (row) => row.entry.p90Ns },
];

/** The rounds of `zones` (in their stored order), or undefined when none has any. */
export function packRounds(zones: readonly ZoneStat[]): PackedRows | undefined {
  const rows: RoundRow[] = [];
  zones.forEach((zone, index) => {
    for (const entry of zone.rounds ?? []) rows.push({ zone: index, entry });
  });
  return rows.length > 0 ? packRows(rows, ROUND_FIELDS) : undefined;
}

/** Gives each of `zones` (in stored order) its rounds back. */
export function attachRoundRows(zones: ZoneStat[], bytes: Uint8Array, metadata: Metadata, where: string): ZoneStat[] {
  const field = compoundReader(bytes, metadata, where);
  const read = {
    zone: field('zone_index'),
    round: field('round'),
    counts: field('counts'),
    totalNs: field('total_ns'),
    meanNs: field('mean_ns'),
    minNs: field('min_ns'),
    maxNs: field('max_ns'),
    stdNs: field('std_ns'),
    p10Ns: field('p10_ns'),
    p25Ns: field('p25_ns'),
    medianNs: field('p50_ns'),
    p75Ns: field('p75_ns'),
    p90Ns: field('p90_ns'),
  };
  const byZone = new Map<number, ZoneRound[]>();
  for (let row = 0; row < metadata.total_size; row++) {
    const zone = read.zone(row) as number;
    const entry: ZoneRound = {
      round: read.round(row) as number,
      counts: read.counts(row) as number,
      totalNs: read.totalNs(row) as number,
      meanNs: read.meanNs(row) as number,
      minNs: read.minNs(row) as number,
      maxNs: read.maxNs(row) as number,
      stdNs: read.stdNs(row) as number,
      p10Ns: read.p10Ns(row) as number,
      p25Ns: read.p25Ns(row) as number,
      medianNs: read.medianNs(row) as number,
      p75Ns: read.p75Ns(row) as number,
      p90Ns: read.p90Ns(row) as number,
    };
    const list = byZone.get(zone);
    if (list) list.push(entry);
    else byZone.set(zone, [entry]);
  }
  return zones.map((zone, index) => {
    const rounds = byZone.get(index);
    return rounds ? { ...zone, rounds } : zone;
  });
}
