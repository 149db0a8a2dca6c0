import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import { FALLBACK_SVG_FAMILY, type FallbackFont, type FontFace } from './font-fallback.js';

const require = createRequire(import.meta.url);

let registered = false;
/** Font files pdfmake may read: Roboto's directory and the fallback fonts registered so far. */
const allowedFiles = new Set<string>();
let robotoRegular: string | undefined;

/**
 * pdfmake 0.3 registers no font on the server side; the Roboto TTFs shipped inside the
 * package cover µ, σ, Δ, ± and — (but not →, CJK or emoji: see font-fallback.ts, which sets
 * such text in a CJK font of the machine when there is one). pdfmake's file access is limited to
 * those fonts, which also silences its warnings about missing access policies.
 */
export function pdfmakeWithFonts(fallback?: FallbackFont): typeof pdfmake {
  if (!registered) {
    const roboto = require('pdfmake/fonts/Roboto') as { Roboto: Record<string, string> };
    const fontDir = dirname(roboto.Roboto.normal!);
    robotoRegular = roboto.Roboto.normal!;
    pdfmake.addFonts(roboto);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir) || allowedFiles.has(path));
    registered = true;
  }
  if (fallback && !allowedFiles.has(fallback.normal[0])) {
    // A face of a collection (.ttc) is named by its PostScript name, which pdfkit takes beside the path.
    const face = (font: FontFace) => (font[1] ? [font[0], font[1]] : font[0]) as unknown as string;
    pdfmake.addFonts({ [fallback.family]: { normal: face(fallback.normal), bold: face(fallback.bold), italics: face(fallback.normal), bolditalics: face(fallback.bold) } });
    // Chart labels name the face pdfkit has loaded for the text family (font-fallback.ts, FALLBACK_SVG_FAMILY).
    const loaded = (font: FontFace) => font[1] ?? font[0];
    pdfmake.addFonts({ [FALLBACK_SVG_FAMILY]: { normal: loaded(fallback.normal), bold: loaded(fallback.bold), italics: loaded(fallback.normal), bolditalics: loaded(fallback.bold) } });
    allowedFiles.add(fallback.normal[0]);
    allowedFiles.add(fallback.bold[0]);
  }
  return pdfmake;
}

/** The file of the report's regular font, for glyph look-ups. */
export function primaryFontFace(): FontFace {
  pdfmakeWithFonts();
  return [robotoRegular as string];
}
