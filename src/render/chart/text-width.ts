import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { openFontFile } from '../font-files.js';

const require = createRequire(import.meta.url);

let font: Font | undefined;
/** Advance widths in em, per code point: a chart measures the same few dozen characters again and again. */
const widths = new Map<number, number>();

/** The report's regular face (Roboto, the font pdfmake draws chart text in), the file the glyph look-ups open too. */
function robotoRegular(): Font {
  if (!font) {
    const roboto = require('pdfmake/fonts/Roboto') as { Roboto: { normal: string } };
    font = openFontFile(roboto.Roboto.normal) as Font;
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
