import type { Content } from 'pdfmake/interfaces.js';
import type { ZoneComparison } from '../../compare/comparison.js';
import { formatCount, formatDuration } from '../format.js';
import { sourceLocation } from '../labels.js';

export interface SourceFileEntry {
  srcFile: string;
  zones: number;
  calls: number;
  totalNs: number;
  regressions: number;
  improvements: number;
  added: number;
  removed: number;
}

/** Rolls a profile's zones up by source file: a map of a large suite that the top 30 cannot show. */
export function sourceFileEntries(zones: ReadonlyArray<ZoneComparison>): SourceFileEntry[] {
  const files = new Map<string, SourceFileEntry>();
  for (const zone of zones) {
    let entry = files.get(zone.srcFile);
    if (!entry) {
      entry = { srcFile: zone.srcFile, zones: 0, calls: 0, totalNs: 0, regressions: 0, improvements: 0, added: 0, removed: 0 };
      files.set(zone.srcFile, entry);
    }
    if (zone.current) {
      entry.zones += 1;
      entry.calls += zone.current.counts;
      entry.totalNs += zone.current.totalNs;
    }
    if (zone.verdict === 'regression') entry.regressions += 1;
    else if (zone.verdict === 'improvement') entry.improvements += 1;
    else if (zone.verdict === 'new') entry.added += 1;
    else if (zone.verdict === 'removed') entry.removed += 1;
  }
  // Plain code-unit order for ties, stable across machines and locales.
  return [...files.values()].sort(
    (a, b) => b.totalNs - a.totalNs || (a.srcFile < b.srcFile ? -1 : a.srcFile > b.srcFile ? 1 : 0),
  );
}

function changeSummary(entry: SourceFileEntry): string {
  const parts: string[] = [];
  if (entry.regressions > 0) parts.push(`${formatCount(entry.regressions)} slower`);
  if (entry.improvements > 0) parts.push(`${formatCount(entry.improvements)} faster`);
  if (entry.added > 0) parts.push(`${formatCount(entry.added)} new`);
  if (entry.removed > 0) parts.push(`${formatCount(entry.removed)} removed`);
  return parts.length > 0 ? ` · ${parts.join(', ')}` : '';
}

/**
 * The index as two columns of one-line entries rather than a table: a table cell costs pdfmake
 * as much as a whole line, and this index is on every large profile.
 */
export function sourceFileIndex(zones: ReadonlyArray<ZoneComparison>, withChanges: boolean, maxFiles: number): Content[] {
  const entries = sourceFileEntries(zones);
  const shown = entries.slice(0, maxFiles);
  const lines = shown.map((entry) => ({
    text: [
      { text: sourceLocation(entry.srcFile, 0, 60), bold: true },
      ` — ${formatCount(entry.zones)} zones, ${formatCount(entry.calls)} calls, total ${formatDuration(entry.totalNs)}` +
        (withChanges ? changeSummary(entry) : ''),
    ],
    margin: [0, 0, 0, 1] as [number, number, number, number],
  }));
  const half = Math.ceil(lines.length / 2);
  const content: Content[] = [
    { columns: [{ stack: lines.slice(0, half) }, { stack: lines.slice(half) }], columnGap: 16, fontSize: 7.5 },
  ];
  if (entries.length > shown.length) {
    content.push({ text: `… and ${formatCount(entries.length - shown.length)} more source files with less time.`, style: 'note' });
  }
  return content;
}
