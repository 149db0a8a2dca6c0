import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { ZoneComparison } from '../../compare/comparison.js';
import type { ZoneStat } from '../../model/zone-stat.js';
import { runLevelMedian } from '../../compare/run-level.js';
import { formatCount, formatDuration, formatPValue, formatPercentLimit, formatShare } from '../format.js';
import { deltaCell, headerRow, mutedCell, numberCell, ROW_RULES_LAYOUT } from './table-cells.js';
import { columnTextWidths, nameCell, sourceCell } from './table-text.js';
import { TABLE_STYLE } from './theme.js';

const ZONE_NAME_LENGTH = 110;
const FONT_SIZE = TABLE_STYLE.fontSize;

function statCells(zone: ZoneStat): TableCell[] {
  return [
    numberCell(formatCount(zone.counts)),
    numberCell(formatDuration(runLevelMedian(zone))),
    numberCell(formatDuration(zone.meanNs)),
    numberCell(formatDuration(zone.minNs)),
    numberCell(formatDuration(zone.maxNs)),
    numberCell(formatDuration(zone.stdNs)),
    numberCell(formatShare(zone.totalPerc)),
  ];
}

/**
 * The profile's top zones by total time, numbered like the chart's bars. `withDelta` adds the
 * Δ and detectable-change columns (only when the profile exists in the baseline). Median is
 * the run-level median (of each round's median call), what Δ compares.
 */
export function topZoneTable(zones: ReadonlyArray<ZoneComparison>, withDelta: boolean): Content {
  const columns = ['#', 'Source', 'Zone', 'Calls', 'Median', 'Mean', 'Min', 'Max', 'Std', 'Total %'];
  if (withDelta) columns.push('Δ', 'Detectable');
  const widths: Array<number | string> = [16, 110, '*', 38, 42, 42, 42, 42, 42, 32];
  if (withDelta) widths.push(44, 44);
  const [, sourceWidth = 0, nameWidth = 0] = columnTextWidths(widths);
  const body: TableCell[][] = [headerRow(columns, new Set([0, 3, 4, 5, 6, 7, 8, 9, 10, 11]))];
  zones.forEach((zone, index) => {
    if (!zone.current) return;
    const row: TableCell[] = [
      numberCell(String(index + 1)),
      sourceCell(zone.srcFile, zone.srcLine, sourceWidth, FONT_SIZE),
      nameCell(zone.name, ZONE_NAME_LENGTH, nameWidth, FONT_SIZE),
      ...statCells(zone.current),
    ];
    if (withDelta) row.push(deltaCell(zone), numberCell(formatPercentLimit(zone.mdePercent ?? Number.NaN)));
    body.push(row);
  });
  return { table: { headerRows: 1, dontBreakRows: true, widths, body }, layout: ROW_RULES_LAYOUT, ...TABLE_STYLE };
}

const KIND_LABELS = { file: 'file', suite: 'describe' } as const;

/**
 * Files and describe blocks: compact, since their time is also their tests' and hooks' time.
 * `withDelta` adds the Δ column.
 */
export function containerTable(entries: ReadonlyArray<{ zone: ZoneComparison; kind: keyof typeof KIND_LABELS }>, withDelta: boolean): Content {
  const columns = ['Kind', 'Source', 'Zone', 'Calls', 'Mean', 'Total %'];
  if (withDelta) columns.push('Δ');
  const widths: Array<number | string> = [40, 118, '*', 42, 44, 34];
  if (withDelta) widths.push(46);
  const [, sourceWidth = 0, nameWidth = 0] = columnTextWidths(widths);
  const body: TableCell[][] = [headerRow(columns, new Set([3, 4, 5, 6]))];
  for (const { zone, kind } of entries) {
    if (!zone.current) continue;
    const row: TableCell[] = [
      mutedCell(KIND_LABELS[kind]),
      sourceCell(zone.srcFile, zone.srcLine, sourceWidth, FONT_SIZE),
      nameCell(zone.name, ZONE_NAME_LENGTH, nameWidth, FONT_SIZE),
      numberCell(formatCount(zone.current.counts)),
      numberCell(formatDuration(zone.current.meanNs)),
      numberCell(formatShare(zone.current.totalPerc)),
    ];
    if (withDelta) row.push(deltaCell(zone));
    body.push(row);
  }
  return { table: { headerRows: 1, dontBreakRows: true, widths, body }, layout: ROW_RULES_LAYOUT, ...TABLE_STYLE };
}

const CHANGE_ORDER = { regression: 0, improvement: 1, new: 2, removed: 3 } as Record<string, number>;

/** Changed zones outside the top list (and every removed zone, which has no current row). */
export function otherChangesTable(zones: ReadonlyArray<ZoneComparison>): Content {
  const sorted = [...zones].sort(
    (a, b) =>
      (CHANGE_ORDER[a.verdict] ?? 9) - (CHANGE_ORDER[b.verdict] ?? 9) ||
      Math.abs(b.deltaPercent ?? 0) - Math.abs(a.deltaPercent ?? 0),
  );
  const widths = ['*', 150, 58, 58, 46, 42];
  const [nameWidth = 0, sourceWidth = 0] = columnTextWidths(widths);
  const body: TableCell[][] = [
    headerRow(['Zone', 'Source', 'Baseline', 'Current', 'Δ', 'q'], new Set([2, 3, 4, 5])),
    ...sorted.map((zone): TableCell[] => [
      nameCell(zone.name, ZONE_NAME_LENGTH, nameWidth, FONT_SIZE),
      sourceCell(zone.srcFile, zone.srcLine, sourceWidth, FONT_SIZE),
      numberCell(formatDuration(runLevelMedian(zone.baseline))),
      numberCell(formatDuration(runLevelMedian(zone.current))),
      deltaCell(zone),
      numberCell(formatPValue(zone.qValue)),
    ]),
  ];
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body },
    layout: ROW_RULES_LAYOUT,
    ...TABLE_STYLE,
  };
}
