import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Glyph {
  advanceWidth: number;
}
interface MeasuringFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): Glyph;
}

let font: MeasuringFont | undefined;
/** Advance widths in em, per code point: a chart measures the same few dozen characters again and again. */
const widths = new Map<number, number>();

/**
 * The report's regular face (Roboto, the font pdfmake draws chart text in). The CommonJS build
 * of fontkit is the one pdfkit loads, so measuring costs no second copy of the library.
 */
function robotoRegular(): MeasuringFont {
  if (!font) {
    const fontkit = require('fontkit') as { openSync(path: string): MeasuringFont };
    const roboto = require('pdfmake/fonts/Roboto') as { Roboto: { normal: string } };
    font = fontkit.openSync(roboto.Roboto.normal);
  }
  return font;
}

/** How wide `text` is set in Roboto at `fontSize` (advance widths, no kerning: a label's box, not its glyphs). */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    let width = widths.get(codePoint);
    if (width === undefined) {
      const face = robotoRegular();
      // A character Roboto lacks is set in the fallback font: count it a full em (CJK glyphs are).
      width = face.hasGlyphForCodePoint(codePoint) ? face.glyphForCodePoint(codePoint).advanceWidth / face.unitsPerEm : 1;
      widths.set(codePoint, width);
    }
    em += width;
  }
  return em * fontSize;
}
