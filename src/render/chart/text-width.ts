import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { openFontFile, robotoFiles } from '../font-files.js';
import { allInStandardFont, inStandardFont, STANDARD_FACES } from '../standard-font.js';

const require = createRequire(import.meta.url);

let standard: PDFKit.PDFDocument | undefined;
let roboto: Font | undefined;
/** Roboto's advance widths in em, per code point, for the few characters the standard font lacks. */
const robotoWidths = new Map<number, number>();

/**
 * The standard font's metrics, as pdfkit sets the text: a document that is never written,
 * loaded on the first measure (the HTML writer imports the PDF's layout helpers but never
 * measures).
 */
function standardMetrics(): PDFKit.PDFDocument {
  if (!standard) {
    const PDFDocument = require('pdfkit') as typeof import('pdfkit');
    standard = new PDFDocument({ autoFirstPage: false }).font(STANDARD_FACES.normal);
  }
  return standard;
}

/** The face the PDF sets characters outside the standard font in (and the file the glyph look-ups open). */
function robotoRegular(): Font {
  roboto ??= openFontFile(robotoFiles().normal) as Font;
  return roboto;
}

function robotoWidth(codePoint: number): number {
  let width = robotoWidths.get(codePoint);
  if (width === undefined) {
    const face = robotoRegular();
    // A character Roboto lacks is set in the CJK fallback font: count it a full em (CJK glyphs are).
    width = face.hasGlyphForCodePoint(codePoint) ? face.glyphForCodePoint(codePoint).advanceWidth / face.unitsPerEm : 1;
    robotoWidths.set(codePoint, width);
  }
  return width;
}

/**
 * How wide `text` is set at `fontSize` in the PDF's regular face: Helvetica's advance widths
 * and kerning as pdfkit applies them (exactly what pdfmake measures), and each character
 * Helvetica lacks at Roboto's advance width, without kerning.
 */
export function textWidth(text: string, fontSize: number): number {
  const metrics = standardMetrics().fontSize(fontSize);
  if (allInStandardFont(text)) return metrics.widthOfString(text);
  let width = 0;
  let run = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (inStandardFont(codePoint)) {
      run += char;
      continue;
    }
    if (run !== '') width += metrics.widthOfString(run);
    run = '';
    width += robotoWidth(codePoint) * fontSize;
  }
  if (run !== '') width += metrics.widthOfString(run);
  return width;
}
