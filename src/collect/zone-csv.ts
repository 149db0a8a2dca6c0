import { ZONE_STAT_COLUMNS, type ZoneStat } from '../model/zone-stat.js';

/**
 * Zone statistics as tracy-csvexport (v0.13.1, default mode) writes them: its header, integer
 * nanoseconds, total_perc and std_ns with 6 decimals, LF line ends, a final LF. One deliberate
 * difference: a field holding a comma, quote or line break is quoted (RFC 4180), where
 * csvexport writes it raw and breaks its own rows (fixtures/tracy-csvexport/MANIFEST.md).
 */
export function formatZoneCsv(zones: readonly ZoneStat[]): string {
  const lines = [ZONE_STAT_COLUMNS.join(',')];
  for (const zone of zones) {
    lines.push(
      [
        quoteIfNeeded(zone.name),
        quoteIfNeeded(zone.srcFile),
        String(zone.srcLine),
        integer(zone.totalNs),
        zone.totalPerc.toFixed(6),
        String(zone.counts),
        integer(zone.meanNs),
        integer(zone.minNs),
        integer(zone.maxNs),
        zone.stdNs.toFixed(6),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180 quoting, only where a field needs it. */
export function quoteIfNeeded(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function integer(value: number): string {
  return Math.round(value).toFixed(0);
}
