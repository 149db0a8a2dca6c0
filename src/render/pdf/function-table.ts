import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { FunctionComparison } from '../../compare/comparison.js';
import { formatCount, formatDuration, formatPValue, formatShare } from '../format.js';
import { deltaCell, headerRow, numberCell, ROW_RULES_LAYOUT } from './table-cells.js';
import { columnTextWidths, nameCell, sourceCell } from './table-text.js';
import { TABLE_STYLE } from './theme.js';

const FUNCTION_NAME_LENGTH = 70;
const FONT_SIZE = TABLE_STYLE.fontSize;

/** Stored times are seconds; the renderers format nanoseconds. */
export function secondsText(seconds: number | undefined): string {
  return formatDuration(seconds === undefined ? Number.NaN : seconds * 1e9);
}

/**
 * A profile's top functions by inclusive time, numbered like the chart's bars. `withDelta`
 * adds the baseline's inclusive time, Δ inclusive and the share test's p (only when the
 * profile exists in the baseline). `durationSeconds` turns inclusive time into a share.
 */
export function topFunctionTable(functions: ReadonlyArray<FunctionComparison>, durationSeconds: number, withDelta: boolean): Content {
  const columns = ['#', 'Function', 'Source', 'Self', 'Inclusive', 'Incl. %', 'Self samples'];
  if (withDelta) columns.push('Baseline incl.', 'Δ inclusive', 'p');
  const widths: Array<number | string> = [16, '*', 150, 46, 50, 36, 56];
  if (withDelta) widths.push(50, 50, 38);
  const [, nameWidth = 0, sourceWidth = 0] = columnTextWidths(widths);
  const body: TableCell[][] = [headerRow(columns, new Set([0, 3, 4, 5, 6, 7, 8, 9]))];
  functions.forEach((entry, index) => {
    const stat = entry.current;
    if (!stat) return;
    const row: TableCell[] = [
      numberCell(String(index + 1)),
      nameCell(entry.functionName, FUNCTION_NAME_LENGTH, nameWidth, FONT_SIZE),
      sourceCell(entry.file, entry.line, sourceWidth, FONT_SIZE),
      numberCell(secondsText(stat.selfSeconds)),
      numberCell(secondsText(stat.totalSeconds)),
      numberCell(durationSeconds > 0 ? formatShare((stat.totalSeconds / durationSeconds) * 100) : '—'),
      numberCell(formatCount(stat.samples)),
    ];
    if (withDelta) row.push(numberCell(secondsText(entry.baseline?.totalSeconds)), deltaCell(entry), numberCell(formatPValue(entry.pValue)));
    body.push(row);
  });
  return { table: { headerRows: 1, dontBreakRows: true, widths, body }, layout: ROW_RULES_LAYOUT, ...TABLE_STYLE };
}

const CHANGE_ORDER: Record<string, number> = { regression: 0, improvement: 1, new: 2, removed: 3 };

/** Changed functions outside the top list (and every removed one, which has no current row). */
export function otherFunctionChangesTable(functions: ReadonlyArray<FunctionComparison>): Content {
  const sorted = [...functions].sort(
    (a, b) =>
      (CHANGE_ORDER[a.verdict] ?? 9) - (CHANGE_ORDER[b.verdict] ?? 9) ||
      Math.abs(b.deltaPercent ?? 0) - Math.abs(a.deltaPercent ?? 0),
  );
  const widths = ['*', 180, 58, 58, 50, 42];
  const [nameWidth = 0, sourceWidth = 0] = columnTextWidths(widths);
  const body: TableCell[][] = [
    headerRow(['Function', 'Source', 'Baseline incl.', 'Current incl.', 'Δ inclusive', 'p'], new Set([2, 3, 4, 5])),
    ...sorted.map((entry): TableCell[] => [
      nameCell(entry.functionName, FUNCTION_NAME_LENGTH, nameWidth, FONT_SIZE),
      sourceCell(entry.file, entry.line, sourceWidth, FONT_SIZE),
      numberCell(secondsText(entry.baseline?.totalSeconds)),
      numberCell(secondsText(entry.current?.totalSeconds)),
      deltaCell(entry),
      numberCell(formatPValue(entry.pValue)),
    ]),
  ];
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body },
    layout: ROW_RULES_LAYOUT,
    ...TABLE_STYLE,
  };
}
