import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { HistoryBuilder, type RunHistory } from '../../src/compare/history.js';
import { makeProfile } from '../../src/model/profile.js';
import type { ZoneRun } from '../../src/model/run.js';
import { writePdfReport } from '../../src/render/pdf/write-pdf-report.js';
import { pdfPages } from '../support/pdf-tools.js';
import { makeRun, roundsFixtureRun, zone } from '../support/tracy-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'perf-report-pdf-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function historyOf(comparison: ReturnType<typeof compareRuns>, runs: ZoneRun[], current: number, baseline: number): RunHistory {
  const builder = new HistoryBuilder(comparison, runs.map((run) => ({ version: run.version, timestamp: run.meta.timestamp, rounds: run.meta.rounds ?? 1 })));
  runs.forEach((run, index) => builder.add(index, run));
  return builder.finish({ currentIndex: current, baselineIndex: baseline, omittedRuns: 0, limit: 30, unreadable: [] });
}

describe('the PDF history page', () => {
  it('draws each confirmed change over the stored runs after page 1, saying in how many runs it ran', async () => {
    const older = roundsFixtureRun('1.0.0');
    const old = { ...older, version: '0.9.0', meta: { ...older.meta, version: '0.9.0' }, profiles: older.profiles.map((p) => makeProfile(p.name, p.sourcePath, p.records.filter((z) => z.name !== 'sort numbers'))) };
    const baseline = roundsFixtureRun('1.0.0');
    const current = roundsFixtureRun('1.1.0');
    const comparison = compareRuns(current, baseline);
    const outFile = join(dir, 'history.pdf');
    await writePdfReport({ projectName: 'app', current, baseline, comparison, history: historyOf(comparison, [old, baseline, current], 2, 1), outFile });
    const pages = await pdfPages(outFile);
    const page = pages.slice(1, 3).join('\n').replace(/[ \t]+/g, ' ');
    expect(page).toContain('History of the confirmed changes');
    expect(page).toContain('over the last 3 stored runs of this platform, in version order');
    expect(page).toMatch(/\+228% sort numbers/);
    expect(page).toContain('suite · src/work.js:9 · in 2 of 3 runs');
    expect(page).toContain('suite · src/work.js:7 · in 3 of 3 runs');
    expect(page).toMatch(/-56\.9% json round trip/);
    // The charts' axes: the versions.
    expect(page).toContain('0.9.0');
    expect(pages.findIndex((text) => text.includes('Current (1.1.0)'))).toBeGreaterThan(1);
  });

  it('is left out with only the two runs compared, or without a confirmed change', async () => {
    const baseline = roundsFixtureRun('1.0.0');
    const current = roundsFixtureRun('1.1.0');
    const comparison = compareRuns(current, baseline);
    const outFile = join(dir, 'two.pdf');
    await writePdfReport({ projectName: 'app', current, baseline, comparison, history: historyOf(comparison, [baseline, current], 1, 0), outFile });
    expect((await pdfPages(outFile)).join('\n')).not.toContain('History of the confirmed changes');
  });
});

describe('chart labels of zones that share a name', () => {
  it('carry the file, so two "optional param maxWaitMs" read apart', async () => {
    const zones = [zone('optional param maxWaitMs', { srcFile: 'src/a.ts', totalNs: 9e6 }), zone('optional param maxWaitMs', { srcFile: 'src/b.ts', totalNs: 8e6 }), zone('unique', { totalNs: 7e6 })];
    const current = makeRun('1.0.0', [makeProfile('app', 'a.csv', zones)]);
    const outFile = join(dir, 'labels.pdf');
    await writePdfReport({ projectName: 'app', current, comparison: compareRuns(current, undefined), outFile });
    const text = (await pdfPages(outFile)).join('\n');
    expect(text).toContain('1. optional param maxWaitMs · src/a.ts');
    expect(text).toContain('2. optional param maxWaitMs · src/b.ts');
    expect(text).toContain('3. unique');
    expect(text).not.toContain('3. unique ·');
  });
});
