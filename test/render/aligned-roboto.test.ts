import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { robotoWithHelveticaMetrics } from '../../src/render/pdf/aligned-roboto.js';

const require = createRequire(import.meta.url);
const files = (require('pdfmake/fonts/Roboto') as { Roboto: Record<string, string> }).Roboto;

type Metrics = { unitsPerEm: number; ascent: number; descent: number; lineGap: number; numGlyphs: number };
const read = (bytes: Buffer) => fontkit.create(bytes) as unknown as Metrics;

/** The sum of the file's big-endian 32-bit words: 0xB1B0AFBA for a font whose head.checkSumAdjustment is right. */
function fileChecksum(bytes: Buffer): number {
  let sum = 0;
  for (let at = 0; at < bytes.length; at += 4) sum = (sum + bytes.readUInt32BE(at)) % 0x1_0000_0000;
  return sum;
}

describe("Roboto with Helvetica's line metrics", () => {
  for (const [face, file] of Object.entries(files)) {
    it(`${face}: ascender 0.718 em, descender −0.207 em, no line gap, the glyphs and checksums intact`, () => {
      const original = readFileSync(file);
      const aligned = robotoWithHelveticaMetrics(file);
      const before = read(original);
      const after = read(aligned);
      expect(before.ascent).not.toBe(after.ascent);
      expect(after.ascent / after.unitsPerEm).toBeCloseTo(0.718, 3);
      expect(after.descent / after.unitsPerEm).toBeCloseTo(-0.207, 3);
      expect(after.lineGap).toBe(0);
      expect(after.numGlyphs).toBe(before.numGlyphs);
      expect(aligned.length).toBe(original.length);
      expect(fileChecksum(aligned)).toBe(0xb1b0afba);
    });
  }
});
