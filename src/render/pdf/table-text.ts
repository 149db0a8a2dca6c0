import type { TableCell } from 'pdfmake/interfaces.js';
import { textWidth } from '../chart/text-width.js';
import { sourceLocation, zoneLabel } from '../labels.js';
import { CELL_PADDING, COLORS, PAGE } from './theme.js';

const ELLIPSIS = '…';

/**
 * The width each column of a full-width table gives its text, in pt: a fixed column as given,
 * a `'*'` column its share of what the fixed columns and every cell's padding leave (pdfmake's
 * rule; the tables draw no vertical lines).
 */
export function columnTextWidths(widths: ReadonlyArray<number | string>): number[] {
  const fixed = widths.reduce<number>((sum, width) => sum + (typeof width === 'number' ? width : 0), 0);
  const stars = widths.filter((width) => typeof width !== 'number').length;
  const star = (PAGE.contentWidth - fixed - widths.length * 2 * CELL_PADDING) / Math.max(stars, 1);
  return widths.map((width) => (typeof width === 'number' ? width : star));
}

/**
 * Whether `text` fits `width` on one line. textWidth measures the standard font as pdfkit sets
 * it; the half point covers rounding and the unkerned characters set in Roboto.
 */
function fitsOneLine(text: string, width: number, fontSize: number): boolean {
  return textWidth(text, fontSize) <= width - 0.5;
}

/**
 * A zone or function name. One that fits its column is set as one unbroken piece: pdfmake
 * then measures and draws one inline instead of one per word, which is most of what a
 * table costs to lay out (the 50 × 1,000-zone report spends half its time in tables). A longer
 * one wraps by word, as before.
 */
export function nameCell(name: string, maxLength: number, width: number, fontSize: number): TableCell {
  const text = zoneLabel(name, maxLength);
  return fitsOneLine(text, width, fontSize) ? { text, noWrap: true } : { text };
}

/**
 * `file:line`, muted, on one line: a location too wide for its column loses its start, where
 * paths agree most (`…/feature.test.ts:12`), so every row of a table stays one line high.
 */
export function sourceCell(srcFile: string, srcLine: number, width: number, fontSize: number): TableCell {
  return { text: fitFromStart(sourceLocation(srcFile, srcLine, Number.POSITIVE_INFINITY), width, fontSize), color: COLORS.muted, noWrap: true };
}

/** `text` without as many leading characters as it takes to fit `width` (an ellipsis marks the cut). */
export function fitFromStart(text: string, width: number, fontSize: number): string {
  if (fitsOneLine(text, width, fontSize)) return text;
  const chars = Array.from(text); // by code point: a cut never splits a character
  // The longest tail that fits beside the ellipsis: widths grow with the tail, so bisect.
  let fitting = 0;
  let tooLong = chars.length;
  while (tooLong - fitting > 1) {
    const kept = Math.floor((fitting + tooLong) / 2);
    if (fitsOneLine(ELLIPSIS + chars.slice(chars.length - kept).join(''), width, fontSize)) fitting = kept;
    else tooLong = kept;
  }
  return ELLIPSIS + chars.slice(chars.length - fitting).join('');
}
