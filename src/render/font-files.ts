import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

// fontkit's CommonJS build, the copy pdfkit itself requires: importing the ESM build loaded a
// second copy of the library (~100 ms at start-up).
const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;

const opened = new Map<string, Fontkit.Font | Fontkit.FontCollection | null>();

/**
 * A font file (the face `postscriptName` of a collection) as fontkit reads it, opened once per
 * process: chart labels, glyph look-ups and the CJK font search all ask for the same files, and
 * reading one costs tens of ms (a CJK collection is tens of MB). Throws as fontkit does.
 */
export function openFontFile(path: string, postscriptName?: string): Fontkit.Font | Fontkit.FontCollection | null {
  const key = `${path}\0${postscriptName ?? ''}`;
  if (!opened.has(key)) opened.set(key, fontkit.openSync(path, postscriptName));
  return opened.get(key) ?? null;
}
