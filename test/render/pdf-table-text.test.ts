import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { makeProfile } from '../../src/model/profile.js';
import { textWidth } from '../../src/render/chart/text-width.js';
import { columnTextWidths, fitFromStart } from '../../src/render/pdf/table-text.js';
import { CELL_PADDING, PAGE, TABLE_STYLE } from '../../src/render/pdf/theme.js';
import { writePdfReport } from '../../src/render/pdf/write-pdf-report.js';
import { makeRun, zone } from '../support/tracy-fixture.js';

const run = promisify(execFile);
const FONT_SIZE = TABLE_STYLE.fontSize;

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}

/** The words pdftotext finds on each page, with their boxes in pt. */
async function pageWords(file: string): Promise<Word[][]> {
  const { stdout } = await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('<page ').slice(1).map((page) =>
    [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((match) => ({
      text: match[4]!.replace(/&amp;/g, '&'),
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
    })),
  );
}

/** A name of words that is `target` pt wide at the tables' size, give or take one short word. */
function nameOfWidth(prefix: string, target: number): string {
  let name = prefix;
  for (let index = 0; textWidth(`${name} word${index}`, FONT_SIZE) < target; index++) name += ` word${index}`;
  return name;
}

// The top-zone table of a profile without a baseline: # | Source | Zone ('*') | Calls | … | Total %.
const TOP_TABLE_WIDTHS = [16, 110, '*', 38, 42, 42, 42, 42, 42, 32];
const [, SOURCE_WIDTH = 0, NAME_WIDTH = 0] = columnTextWidths(TOP_TABLE_WIDTHS);

describe('table text: one line when it fits, cut from the start for a source location', () => {
  let dir: string;
  let words: Word[];
  const fitting = nameOfWidth('fits', NAME_WIDTH - 6);
  const tooWide = nameOfWidth('wraps', NAME_WIDTH * 1.3);
  const longSource = 'packages/a-rather-long-package-name/src/deeply/nested/folder/the-module.test.ts';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perf-report-table-text-'));
    const records = [
      zone(fitting, { totalNs: 3_000_000, srcFile: longSource, srcLine: 1234 }),
      zone(tooWide, { totalNs: 2_000_000 }),
      zone('short one', { totalNs: 1_000_000 }),
    ];
    const current = makeRun('1.0.0', [makeProfile('app', 'app.csv', records)]);
    const outFile = join(dir, 'app.pdf');
    await writePdfReport({ projectName: 'app', current, comparison: compareRuns(current, undefined), outFile });
    // The profile's page: the one whose words include the table's column headers.
    words = (await pageWords(outFile)).find((page) => page.some((word) => word.text === 'Calls')) ?? [];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Every box of the words of `text` in reading order, from its first word on. */
  function boxesOf(text: string): Word[] {
    const parts = text.split(' ');
    const start = words.findIndex((word, index) => parts.every((part, offset) => words[index + offset]?.text === part));
    expect(start, `"${text}" on the page`).toBeGreaterThanOrEqual(0);
    return words.slice(start, start + parts.length);
  }

  it('sets a name that fits its column on one line, inside the column, and the table inside the page', () => {
    const boxes = boxesOf(fitting);
    expect(new Set(boxes.map((box) => box.yMin)).size).toBe(1);
    // "Calls" is right-aligned in its 38 pt column: the zone's text ends a padding on each side before that column.
    const calls = words.find((word) => word.text === 'Calls')!;
    expect(boxes.at(-1)!.xMax).toBeLessThanOrEqual(calls.xMax - 38 - 2 * CELL_PADDING);
    const lastHeader = words.find((word) => word.text === '%')!;
    expect(lastHeader.xMax).toBeLessThanOrEqual(PAGE.margins[0] + PAGE.contentWidth);
  });

  it('wraps a name wider than its column, word by word, and shows it whole', () => {
    const boxes = boxesOf(tooWide);
    expect(new Set(boxes.map((box) => box.yMin)).size).toBe(2);
  });

  it('cuts a source location too wide for its column from the start and keeps it on one line', () => {
    const source = words.find((word) => word.text.endsWith('the-module.test.ts:1234'));
    expect(source?.text).toMatch(/^…/);
    expect(`${longSource}:1234`.endsWith(source!.text.slice(1))).toBe(true);
    const [nameStart] = boxesOf(fitting);
    expect(source!.yMin).toBe(nameStart!.yMin);
    expect(source!.xMax).toBeLessThanOrEqual(nameStart!.xMin);
  });
});

describe('fitFromStart', () => {
  it('keeps text that fits, else the longest tail that fits after an ellipsis', () => {
    expect(fitFromStart('src/a.ts:12', 100, FONT_SIZE)).toBe('src/a.ts:12');
    const text = 'packages/core/src/deeply/nested/module.test.ts:88';
    const fitted = fitFromStart(text, SOURCE_WIDTH / 2, FONT_SIZE);
    expect(fitted.startsWith('…')).toBe(true);
    expect(text.endsWith(fitted.slice(1))).toBe(true);
    expect(textWidth(fitted, FONT_SIZE)).toBeLessThanOrEqual(SOURCE_WIDTH / 2);
    // One character more would not fit.
    const longer = `…${text.slice(text.length - fitted.length)}`;
    expect(textWidth(longer, FONT_SIZE)).toBeGreaterThan(SOURCE_WIDTH / 2 - 0.5);
  });

  it('never cuts a character in two', () => {
    const fitted = fitFromStart(`${'😀'.repeat(40)}.ts`, 30, FONT_SIZE);
    expect(fitted).toMatch(/^…(😀)*\.ts$/u);
  });
});
