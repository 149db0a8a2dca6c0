import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { makeProfile } from '../../src/model/profile.js';
import type { ZoneRun } from '../../src/model/run.js';
import type { ZoneRound } from '../../src/model/zone-stat.js';
import { writePdfReport } from '../../src/render/pdf/write-pdf-report.js';
import { makeRun, zone } from '../support/tracy-fixture.js';
import { pdfPages } from '../support/pdf-tools.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'perf-report-pdf-containers-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILE = 'test/math.test.ts';

/** Six rounds of one call each around `meanNs`, ±1 % apart: what a verdict is judged on. */
function roundsAround(meanNs: number): ZoneRound[] {
  return [0.99, 1.01, 1, 0.995, 1.005, 1].map((factor, index) => {
    const ns = meanNs * factor;
    return { round: index + 1, counts: 1, totalNs: ns, meanNs: ns, minNs: ns, maxNs: ns, stdNs: 0, p10Ns: ns, p25Ns: ns, medianNs: ns, p75Ns: ns, p90Ns: ns };
  });
}

/** A test run as the runners record it: file and describe zones hold every test's time again. */
function testRun(version: string, slower = 1): ZoneRun {
  const at = (name: string, totalNs: number, srcLine = 1) =>
    zone(name, { srcFile: FILE, srcLine, totalNs, meanNs: totalNs * slower, counts: 1, minNs: totalNs, maxNs: totalNs, stdNs: 0, rounds: roundsAround(totalNs * slower) });
  return makeRun(version, [
    makeProfile('app', 'app.csv', [
      at('run test/math.test.ts', 9_000_000, 0),
      at('collect test/math.test.ts', 8_000_000, 0),
      at('math', 7_000_000, 3),
      at('math > adds', 4_000_000, 5),
      at('math > beforeEach', 2_000_000, 4),
      zone('fib', { srcFile: 'src/lib.ts', srcLine: 3, totalNs: 1_000_000, meanNs: 500_000 * slower, counts: 2 }),
    ]),
  ]);
}

async function render(name: string, current: ZoneRun, baseline?: ZoneRun): Promise<string> {
  const outFile = join(dir, name);
  await writePdfReport({ projectName: 'app', current, ...(baseline ? { baseline } : {}), comparison: compareRuns(current, baseline), outFile });
  return (await pdfPages(outFile)).slice(2).join('\n');
}

/** The lines of `text` from the one holding `from` up to (without) the one holding `to`. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  if (start === -1 || end === -1) throw new Error(`no "${from}" … "${to}" in the report`);
  return text.slice(start, end);
}

describe('files and describe blocks in the PDF', () => {
  it('are left out of the chart and the top table, and listed in their own table', async () => {
    const text = await render('containers.pdf', testRun('1.0.0'));
    expect(text).toContain('6 zones · ');
    const chartAndTop = between(text, 'Top 3 tests, hooks and user zones by total time', 'Files and suites');
    expect(chartAndTop).toContain('1. math > adds');
    expect(chartAndTop).toContain('2. math > beforeEach');
    expect(chartAndTop).toContain('3. fib');
    expect(chartAndTop).toContain('Top 3 of 3 tests, hooks and user zones by total time');
    expect(chartAndTop).not.toContain('run test/math.test.ts');
    expect(chartAndTop).not.toContain('collect test/math.test.ts');
    expect(chartAndTop).not.toMatch(/\d+\. math\n/);

    const containers = text.slice(text.indexOf('Files and suites'));
    expect(containers).toContain('Files and suites: 3 by total time');
    const rows = containers.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    expect(rows).toContainEqual(expect.stringMatching(/^file test\/math\.test\.ts run test\/math\.test\.ts 1 /));
    expect(rows).toContainEqual(expect.stringMatching(/^file test\/math\.test\.ts collect test\/math\.test\.ts 1 /));
    expect(rows).toContainEqual(expect.stringMatching(/^describe test\/math\.test\.ts:3 math 1 /));
  });

  // Six rounds a side, 1.5× slower: confirmed, like any zone.
  it('keep their Δ against the baseline', async () => {
    const text = await render('containers-delta.pdf', testRun('1.1.0', 1.5), testRun('1.0.0'));
    const rows = text.slice(text.indexOf('Files and suites')).split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    expect(rows).toContainEqual(expect.stringMatching(/^describe test\/math\.test\.ts:3 math 1 .* \+50\.0%$/));
  });
});
