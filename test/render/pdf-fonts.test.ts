import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { makeProfile } from '../../src/model/profile.js';
import { findCjkFont } from '../../src/render/pdf/font-fallback.js';
import { writePdfReport } from '../../src/render/pdf/write-pdf-report.js';
import { pdfPages } from '../support/pdf-tools.js';
import { makeRun, zone } from '../support/tracy-fixture.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'perf-report-pdf-fonts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fontsOf(file: string): Promise<string[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout.split('\n').slice(2).filter(Boolean).map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}

const NAMES = ['日本語のテスト', '한국어 ✓', 'emoji 😀', 'plain ascii'];

async function report(name: string, names: string[], fallbackFont?: null) {
  const current = makeRun('1.0.0', [makeProfile('app', 'a.csv', names.map((zoneName, index) => zone(zoneName, { srcLine: index + 1, totalNs: 1e9 - index })))]);
  const outFile = join(dir, name);
  const result = await writePdfReport({ projectName: 'app', current, comparison: compareRuns(current, undefined), outFile, ...(fallbackFont === null ? { fallbackFont } : {}) });
  return { result, outFile, pages: await pdfPages(outFile) };
}

const footers = (pages: string[]) => pages.map((page) => page.split('\n').map((line) => line.trim()).filter(Boolean).at(-1) ?? '');

describe('characters Helvetica and Roboto cannot draw', () => {
  it('without a CJK font: every page\'s footer says which characters print as empty boxes, and how to get them', async () => {
    const { result, outFile, pages } = await report('no-cjk.pdf', NAMES, null);
    expect(result.missingGlyphs).toEqual(expect.arrayContaining([0x65e5, 0xd55c, 0x2713, 0x1f600]));
    for (const footer of footers(pages)) {
      expect(footer).toMatch(/^\d+ characters have no glyph in the report's fonts and print as empty boxes: U\+2713, U\+306E, .* and \d+ more; install a CJK font \(Debian: fonts-noto-cjk\) to print CJK text$/);
    }
    expect(new Set(await fontsOf(outFile))).toEqual(new Set(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Roboto-Regular']));
  });

  it('a report Helvetica and Roboto draw entirely has no such line, embeds Roboto only, and reads back as written', async () => {
    const { result, outFile, pages } = await report('latin.pdf', ['plain ascii', 'µs Δ — ±', 'Ünïcödé Ωμέγα Кириллица']);
    expect(result.missingGlyphs).toEqual([]);
    const text = pages.join('\n');
    expect(text).not.toContain('no glyph');
    expect(text).toMatch(/src\/a\.ts:2\s+µs Δ — ±/);
    expect(text).toMatch(/src\/a\.ts:3\s+Ünïcödé Ωμέγα Кириллица/);
    const { stdout } = await run('pdffonts', [outFile]);
    const faces = stdout.split('\n').slice(2).filter(Boolean).map((line) => ({ name: line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''), embedded: / yes /.test(line) }));
    // The standard font is never embedded; Roboto, set for Δ, Ω and Cyrillic, always is.
    expect(faces.filter((face) => face.name.startsWith('Helvetica')).every((face) => !face.embedded)).toBe(true);
    expect(faces.filter((face) => !face.name.startsWith('Helvetica')).map((face) => face.embedded ? face.name : `${face.name} not embedded`)).toEqual(expect.arrayContaining(['Roboto-Regular']));
    expect(faces.every((face) => face.name.startsWith('Helvetica') || face.name.startsWith('Roboto'))).toBe(true);
  });

  const cjk = findCjkFont();
  it.skipIf(!cjk)('with a CJK font installed (fonts-noto-cjk): CJK names in tables and chart labels are set in it; only the emoji is missing', async () => {
    const { result, outFile, pages } = await report('cjk.pdf', NAMES);
    expect(result.missingGlyphs).toEqual([0x1f600]);
    const fonts = await fontsOf(outFile);
    expect(fonts).toContain(cjk!.normal[1] ?? fonts.find((font) => !font.startsWith('Roboto')));
    const text = pages.join('\n');
    expect(text).toContain('1. 日本語のテスト');
    expect(text).toMatch(/2\. 한국어 ✓/);
    expect(text).toMatch(/src\/a\.ts:1\s+日本語のテスト/);
    for (const footer of footers(pages)) expect(footer).toBe("1 character has no glyph in the report's fonts and prints as an empty box: U+1F600");
  });
});
