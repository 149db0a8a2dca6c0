import type { StyleDictionary } from 'pdfmake/interfaces.js';
import type { Verdict } from '../../compare/comparison.js';

/** A light theme for paper: dark text on white, colour only where it carries meaning. */
export const COLORS = {
  text: '#222222',
  muted: '#6B6B6B',
  rule: '#D5D9DE',
  headerFill: '#EEF2F6',
  regression: '#C62828',
  regressionFill: '#FDECEA',
  improvement: '#2E7D32',
  improvementFill: '#E8F5E9',
  unconfirmed: '#8A8A8A',
  unjudged: '#A0A0A0',
  new: '#1F5FA8',
  removed: '#6B6B6B',
} as const;

export const VERDICT_COLORS: Record<Verdict, string> = {
  regression: COLORS.regression,
  improvement: COLORS.improvement,
  unconfirmed: COLORS.unconfirmed,
  unchanged: COLORS.text,
  unjudged: COLORS.unjudged,
  new: COLORS.new,
  removed: COLORS.removed,
};

export const STYLES: StyleDictionary = {
  title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
  subtitle: { fontSize: 10, color: COLORS.muted, margin: [0, 0, 0, 2] },
  heading: { fontSize: 14, bold: true, margin: [0, 0, 0, 4] },
  subheading: { fontSize: 10.5, bold: true, margin: [0, 10, 0, 4] },
  note: { fontSize: 8.5, color: COLORS.muted, italics: true, margin: [0, 2, 0, 2] },
  noise: { fontSize: 9, margin: [0, 4, 0, 2] },
  figureLabel: { fontSize: 8, color: COLORS.muted },
  figureValue: { fontSize: 14, bold: true },
};

/*
 * Tables take their style as plain properties, not as named styles: pdfmake walks the style
 * stack once per property of every cell and allocates a Set for each named style it meets,
 * which made style lookups and their garbage a third of the bench's layout time.
 */
export const TABLE_STYLE = { fontSize: 7.5, margin: [0, 2, 0, 4] as [number, number, number, number] };
export const HEADER_CELL_STYLE = { bold: true, fontSize: 8, color: COLORS.text, fillColor: COLORS.headerFill };

/** Left and right padding of a table cell, in pt (every table's layout). */
export const CELL_PADDING = 3;

/** Page geometry: landscape A4 with room for the running header and the page numbers. */
export const PAGE = {
  size: 'A4',
  orientation: 'landscape',
  margins: [36, 42, 36, 34] as [number, number, number, number],
  /** 841.89 pt wide minus the side margins. */
  contentWidth: 841.89 - 72,
} as const;
