import { readFileSync } from 'node:fs';

/**
 * A Roboto face with Helvetica's vertical metrics, for the runs the standard font cannot set.
 * pdfmake puts a line's runs on one baseline, the largest ascender among them, and makes the
 * line as tall as its tallest run: Roboto's ascender and descender (0.928 and 0.244 em) beside
 * Helvetica's (0.718 and 0.207 em, Adobe's font metrics) would drop every line and table row
 * holding a Δ or ∞ by 1.6 pt and make it 1.9 pt taller at the tables' 7.5 pt. The glyphs stay
 * as they are (Roboto's capitals are 0.711 em high, Helvetica's 0.718 em): only the hhea table's
 * ascender, descender and line gap change, the values pdfkit lays text out with; the checksums
 * follow, so pdfkit, which takes two faces with one name and checksum for one font, keeps this
 * face apart from the unchanged one that chart labels use.
 */
const HELVETICA_PER_MILLE = { ascender: 718, descender: -207 } as const;

interface TableRecord {
  /** Where the record is in the table directory. */
  record: number;
  offset: number;
  length: number;
}

/** A TrueType table's record: the directory follows the 12-byte offset table, 16 bytes a table (tag, checksum, offset, length). */
function tableRecord(font: Buffer, tag: string, file: string): TableRecord {
  const tables = font.readUInt16BE(4);
  for (let index = 0; index < tables; index++) {
    const record = 12 + index * 16;
    if (font.toString('latin1', record, record + 4) === tag) return { record, offset: font.readUInt32BE(record + 8), length: font.readUInt32BE(record + 12) };
  }
  throw new Error(`${file}: no ${tag} table in the font`);
}

/** The TrueType checksum: the sum of big-endian 32-bit words, the last one padded with zeros. */
function checksum(font: Buffer, start: number, length: number): number {
  let sum = 0;
  for (let at = start; at < start + length; at += 4) {
    let word = 0;
    for (let byte = 0; byte < 4; byte++) word = word * 256 + (at + byte < start + length ? (font[at + byte] as number) : 0);
    sum = (sum + word) % 0x1_0000_0000;
  }
  return sum;
}

/**
 * The font file's bytes with the metrics replaced (head: checkSumAdjustment at 8, unitsPerEm at
 * 18; hhea: ascender, descender, lineGap at 4, 6, 8), the checksums made right again.
 */
export function robotoWithHelveticaMetrics(file: string): Buffer {
  const font = readFileSync(file);
  const head = tableRecord(font, 'head', file);
  const hhea = tableRecord(font, 'hhea', file);
  const unitsPerEm = font.readUInt16BE(head.offset + 18);
  font.writeInt16BE(Math.round((HELVETICA_PER_MILLE.ascender * unitsPerEm) / 1000), hhea.offset + 4);
  font.writeInt16BE(Math.round((HELVETICA_PER_MILLE.descender * unitsPerEm) / 1000), hhea.offset + 6);
  font.writeInt16BE(0, hhea.offset + 8);
  font.writeUInt32BE(checksum(font, hhea.offset, hhea.length), hhea.record + 4);
  font.writeUInt32BE(0, head.offset + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font, 0, font.length) + 0x1_0000_0000) % 0x1_0000_0000, head.offset + 8);
  return font;
}
