import type { Metadata } from 'h5wasm/node';
import type { ZoneStat } from '../model/zone-stat.js';
import { compoundReader, packRows, type FieldSpec, type PackedRows } from './compound-rows.js';

/**
 * A Tracy/embedded profile dataset: field for field the original tool's layout
 * except that `counts` is int64 (the original tool's int32 overflowed at 2^31 calls) and the
 * strings grow to fit, from 128 (name) and 256 (src_file) bytes.
 */
const ZONE_FIELDS: ReadonlyArray<FieldSpec<ZoneStat>> = [
  { name: 'name', kind: 'string', minBytes: 128, value: (zone) => zone.name },
  { name: 'src_file', kind: 'string', minBytes: 256, value: (zone) => zone.srcFile },
  { name: 'src_line', kind: 'int32', value: (zone) => zone.srcLine },
  { name: 'total_ns', kind: 'int64', value: (zone) => zone.totalNs },
  { name: 'total_perc', kind: 'float64', value: (zone) => zone.totalPerc },
  { name: 'counts', kind: 'int64', value: (zone) => zone.counts },
  { name: 'mean_ns', kind: 'int64', value: (zone) => zone.meanNs },
  { name: 'min_ns', kind: 'int64', value: (zone) => zone.minNs },
  { name: 'max_ns', kind: 'int64', value: (zone) => zone.maxNs },
  { name: 'std_ns', kind: 'float64', value: (zone) => zone.stdNs },
];

export function packZones(zones: readonly ZoneStat[]): PackedRows {
  return packRows(zones, ZONE_FIELDS);
}

export function decodeZoneRows(bytes: Uint8Array, metadata: Metadata, where: string): ZoneStat[] {
  const field = compoundReader(bytes, metadata, where);
  const name = field('name');
  const srcFile = field('src_file');
  const srcLine = field('src_line');
  const totalNs = field('total_ns');
  const totalPerc = field('total_perc');
  const counts = field('counts');
  const meanNs = field('mean_ns');
  const minNs = field('min_ns');
  const maxNs = field('max_ns');
  const stdNs = field('std_ns');
  return Array.from({ length: metadata.total_size }, (_, row) => ({
    name: name(row) as string,
    srcFile: srcFile(row) as string,
    srcLine: srcLine(row) as number,
    totalNs: totalNs(row) as number,
    totalPerc: totalPerc(row) as number,
    counts: counts(row) as number,
    meanNs: meanNs(row) as number,
    minNs: minNs(row) as number,
    maxNs: maxNs(row) as number,
    stdNs: stdNs(row) as number,
  }));
}
