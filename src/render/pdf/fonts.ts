import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { TFontFamilyTypes } from 'pdfmake/interfaces.js';
import { robotoFiles, type RobotoFiles } from '../font-files.js';
import { STANDARD_FACES, STANDARD_FAMILY } from '../standard-font.js';
import { robotoWithHelveticaMetrics } from './aligned-roboto.js';
import { FALLBACK_SVG_FAMILY, ROBOTO_FAMILY, ROBOTO_SVG_FAMILY, type FallbackFont, type FontFace } from './font-fallback.js';

let registered = false;
/** Font files pdfmake may read: Roboto's directory and the fallback fonts registered so far. */
const allowedFiles = new Set<string>();

/** The names pdfkit takes as its standard fonts: pdfmake checks them against its file access policy too. */
const STANDARD_FACE_NAMES = new Set<string>(Object.values(STANDARD_FACES));

/**
 * pdfmake 0.3 registers no font on the server side. The report's text is set in the standard
 * Helvetica; the Roboto TTFs shipped inside pdfmake draw what it lacks (σ, Δ, ∞, ≥; not CJK or
 * emoji: see font-fallback.ts, which sets such text in a CJK font of the machine when there is
 * one). Text takes Roboto with Helvetica's line metrics (aligned-roboto.ts), handed to pdfmake
 * through the in-memory files it looks fonts up in before the disk; chart labels take the files
 * as shipped, which pdfkit opens by path. pdfmake's file access is limited to those fonts, which
 * also silences its warnings about missing access policies.
 */
export function pdfmakeWithFonts(fallback?: FallbackFont): typeof pdfmake {
  if (!registered) {
    const roboto = robotoFiles();
    const fontDir = dirname(roboto.normal);
    pdfmake.addFonts({ [STANDARD_FAMILY]: { ...STANDARD_FACES }, [ROBOTO_FAMILY]: alignedRobotoFaces(roboto), [ROBOTO_SVG_FAMILY]: roboto });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => STANDARD_FACE_NAMES.has(path) || path.startsWith(fontDir) || allowedFiles.has(path));
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

/** What of pdfmake's in-memory files this module uses: its server side looks fonts up there first. */
interface InMemoryFiles {
  writeFileSync(name: string, content: Buffer): void;
}

/**
 * Roboto's faces with Helvetica's line metrics, as names of pdfmake's in-memory files; the
 * files as shipped when this pdfmake has no such store (lines holding Roboto text then sit a
 * little lower and taller).
 */
function alignedRobotoFaces(files: RobotoFiles): TFontFamilyTypes {
  const memory = (pdfmake as unknown as { virtualfs?: Partial<InMemoryFiles> }).virtualfs;
  if (typeof memory?.writeFileSync !== 'function') return files;
  const aligned = (face: keyof RobotoFiles): string => {
    const name = `perf-report-aligned-fonts/${face}.ttf`;
    memory.writeFileSync!(name, robotoWithHelveticaMetrics(files[face]));
    return name;
  };
  return { normal: aligned('normal'), bold: aligned('bold'), italics: aligned('italics'), bolditalics: aligned('bolditalics') };
}

/** The file of Roboto's regular face, for glyph look-ups. */
export function robotoFontFace(): FontFace {
  return [robotoFiles().normal];
}
