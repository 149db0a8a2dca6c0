import type { TableCell } from 'pdfmake/interfaces.js';
import type { ZoneComparison } from '../../compare/comparison.js';
import { formatDeltaPercent } from '../format.js';
import { CELL_PADDING, COLORS, HEADER_CELL_STYLE, VERDICT_COLORS } from './theme.js';

export function headerRow(labels: ReadonlyArray<string>, rightAligned: ReadonlySet<number> = new Set()): TableCell[] {
  return labels.map((text, index) => ({
    text,
    ...HEADER_CELL_STYLE,
    ...(rightAligned.has(index) ? { alignment: 'right' as const } : {}),
  }));
}

/**
 * A figure and its unit as one word ("1.23 ms"): they never part at a line end, and
 * pdfmake lays out one inline instead of two (the 50 × 1,000-zone report: a few per cent).
 */
function unbreakable(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

export function numberCell(text: string): TableCell {
  return { text: unbreakable(text), alignment: 'right' };
}

export function mutedCell(text: string): TableCell {
  return { text, color: COLORS.muted };
}

/**
 * The Δ cell: red regression, green improvement, grey unconfirmed, `new` / `removed` in words.
 * Takes only the verdict and Δ, so a function comparison (Δ inclusive) uses it as well.
 */
export function deltaCell(zone: Pick<ZoneComparison, 'verdict' | 'deltaPercent'>): TableCell {
  const color = VERDICT_COLORS[zone.verdict];
  switch (zone.verdict) {
    case 'new':
    case 'removed':
      return { text: zone.verdict, italics: true, color, alignment: 'right' };
    case 'regression':
      return { text: formatDeltaPercent(zone.deltaPercent), color, bold: true, fillColor: COLORS.regressionFill, alignment: 'right' };
    case 'improvement':
      return { text: formatDeltaPercent(zone.deltaPercent), color, bold: true, fillColor: COLORS.improvementFill, alignment: 'right' };
    case 'unconfirmed':
      return { text: `${formatDeltaPercent(zone.deltaPercent)}?`, color, alignment: 'right' };
    case 'unjudged':
      // The Δ of samples that cannot carry a verdict is noise: say so instead of printing it large.
      return { text: 'not\u00a0judged', italics: true, color, alignment: 'right' };
    default:
      return { text: formatDeltaPercent(zone.deltaPercent), color, alignment: 'right' };
  }
}

/**
 * Thin horizontal rules between rows: readable on paper without a grid. No zebra fill: pdfmake
 * draws it as one rectangle per cell, which cost a third of the layout time in the bench.
 */
export const ROW_RULES_LAYOUT = {
  hLineWidth: (row: number, node: { table: { body: unknown[] } }) =>
    row === 0 || row === 1 || row === node.table.body.length ? 0.6 : 0.2,
  vLineWidth: () => 0,
  hLineColor: () => COLORS.rule,
  paddingLeft: () => CELL_PADDING,
  paddingRight: () => CELL_PADDING,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};
