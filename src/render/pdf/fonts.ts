import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';

const require = createRequire(import.meta.url);

let registered = false;

/**
 * pdfmake 0.3 registers no font on the server side; the Roboto TTFs shipped inside the
 * package cover µ, σ, Δ, ± and — (but not →: it prints as an empty box). pdfmake's file access is limited to
 * those fonts, which also silences its warnings about missing access policies.
 */
export function pdfmakeWithFonts(): typeof pdfmake {
  if (!registered) {
    const roboto = require('pdfmake/fonts/Roboto') as { Roboto: Record<string, string> };
    const fontDir = dirname(roboto.Roboto.normal!);
    pdfmake.addFonts(roboto);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
    registered = true;
  }
  return pdfmake;
}
