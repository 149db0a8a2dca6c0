import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VITEST_BIN, VITEST_LINES_FIXTURE, buildOnce } from '../support/build.js';
import { readZoneCsv, row, runIn, tempDir, removeTempDirs } from '../support/fixture-run.js';

const FILE = 'test/generated.test.ts';
const SOURCE = readFileSync(join(VITEST_LINES_FIXTURE, FILE), 'utf8').split('\n');

/** 1-based line of the first line containing `text`. */
function lineOf(text: string): string {
  const index = SOURCE.findIndex((line) => line.includes(text));
  if (index === -1) throw new Error(`"${text}" not in ${FILE}`);
  return String(index + 1);
}

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

describe('tests whose titles are made at run time', () => {
  it.each([
    ['the plugin', []],
    // Vitest's own locations, when the project asks for them, are taken as they are.
    ['includeTaskLocation', ['--includeTaskLocation']],
  ])('are recorded at the line of their registration call (%s)', (_how, args) => {
    const out = tempDir('lines');
    const run = runIn(VITEST_LINES_FIXTURE, [VITEST_BIN, 'run', ...args, '--', '--perf', '--perf-output', out]);
    expect(run.status, run.output).toBe(0);
    const rows = readZoneCsv(out).rows;
    const at = (name: string) => {
      const r = row(rows, name);
      return { file: r.src_file, line: r.src_line };
    };
    // A loop over an object's keys, a loop with a template literal, test.each with a format.
    expect(at('tables >  a')).toEqual({ file: FILE, line: lineOf('test(input, ()') });
    expect(at('tables > b ')).toEqual({ file: FILE, line: lineOf('test(input, ()') });
    expect(at('tables > upper(x) === X')).toEqual({ file: FILE, line: lineOf('test(`upper(') });
    expect(at('tables > upper(y) === Y')).toEqual({ file: FILE, line: lineOf('test(`upper(') });
    expect(at('tables > double(1)')).toEqual({ file: FILE, line: lineOf("])('double(%i)'") });
    expect(at('tables > double(2)')).toEqual({ file: FILE, line: lineOf("])('double(%i)'") });
    // describe.each: the blocks at their call, the literal titles inside them found as before.
    expect(at('block first')).toEqual({ file: FILE, line: lineOf('describe.each(') });
    expect(at('block second')).toEqual({ file: FILE, line: lineOf('describe.each(') });
    expect(at('block first > has a name')).toEqual({ file: FILE, line: lineOf("test('has a name'") });
    expect(at('tables')).toEqual({ file: FILE, line: lineOf("describe('tables'") });
    // A property test's title carries a new random seed each run: its zone's name does not.
    expect(at('properties > sums in any order')).toEqual({ file: FILE, line: lineOf('test(`sums in any order') });
    expect(rows.filter((r) => r.name.includes('with seed='))).toEqual([]);
  });
});
