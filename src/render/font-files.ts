import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

const require = createRequire(import.meta.url);
let fontkit: typeof Fontkit | undefined;

/**
 * fontkit's CommonJS build, the copy pdfkit itself requires (importing the ESM build loaded a
 * second copy of the library, ~100 ms at start-up), loaded on the first font opened: the HTML
 * writer imports the PDF's layout helpers but never opens a font, and loading fontkit costs
 * ~60 ms of the main process while a perf run's tests start.
 */
function fontkitLibrary(): typeof Fontkit {
  fontkit ??= require('fontkit') as typeof Fontkit;
  return fontkit;
}

/** Roboto's four faces, the TTFs shipped inside pdfmake. */
export type RobotoFiles = Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>;

/**
 * The paths of Roboto's faces. The PDF sets the characters Helvetica lacks in Roboto, and the
 * chart layout measures them with the same file, so both ask here.
 */
export function robotoFiles(): RobotoFiles {
  return (require('pdfmake/fonts/Roboto') as { Roboto: RobotoFiles }).Roboto;
}

const opened = new Map<string, Fontkit.Font | Fontkit.FontCollection | null>();

/**
 * A font file (the face `postscriptName` of a collection) as fontkit reads it, opened once per
 * process: chart labels, glyph look-ups and the CJK font search all ask for the same files, and
 * reading one costs tens of ms (a CJK collection is tens of MB). Throws as fontkit does.
 */
export function openFontFile(path: string, postscriptName?: string): Fontkit.Font | Fontkit.FontCollection | null {
  const key = `${path}\0${postscriptName ?? ''}`;
  if (!opened.has(key)) opened.set(key, fontkitLibrary().openSync(path, postscriptName));
  return opened.get(key) ?? null;
}
