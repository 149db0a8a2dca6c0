/**
 * How zones are named on paper and in the terminal: source locations and names shortened
 * to fit a column, and text cleaned so that no zone name can break a renderer.
 */

const ELLIPSIS = '…';

/** Keeps the start and the end of a long text (both ends of a qualname carry meaning). */
export function shortenMiddle(text: string, maxLength: number): string {
  const chars = Array.from(text); // by code point, so an emoji is never cut in half
  if (chars.length <= maxLength) return text;
  const keep = maxLength - 1;
  const head = Math.ceil(keep / 2);
  return chars.slice(0, head).join('') + ELLIPSIS + chars.slice(chars.length - (keep - head)).join('');
}

/** Keeps the end of a path, where the distinguishing part is: `…/vdom/diff.ts:201`. */
export function shortenStart(text: string, maxLength: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxLength) return text;
  return ELLIPSIS + chars.slice(chars.length - (maxLength - 1)).join('');
}

/**
 * Text safe for any renderer: control characters become spaces and lone UTF-16 surrogates
 * (a name cut mid-character upstream) become U+FFFD.
 */
export function printable(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** `file:line` as a table shows it; an empty file is a built-in. */
export function sourceLocation(srcFile: string, srcLine: number, maxLength = 40): string {
  if (srcFile === '' || srcFile === 'N/A') return 'built-in';
  const normalized = srcFile.replace(/\\/g, '/');
  return printable(shortenStart(srcLine > 0 ? `${normalized}:${srcLine}` : normalized, maxLength));
}

/** A zone name shortened for a table cell or an axis label. */
export function zoneLabel(name: string, maxLength: number): string {
  return printable(shortenMiddle(name, maxLength));
}
