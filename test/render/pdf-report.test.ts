import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { makeProfile } from '../../src/model/profile.js';
import type { ZoneRun } from '../../src/model/run.js';
import { writePdfReport } from '../../src/render/pdf/write-pdf-report.js';
import { fixtureProfile, fixtureRun, makeRun, roundsFixtureRun, zone } from '../support/tracy-fixture.js';
import { pdfPageCount, pdfPages } from '../support/pdf-tools.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'perf-report-pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(name: string, current: ZoneRun, baseline: ZoneRun | undefined) {
  const outFile = join(dir, name);
  const comparison = compareRuns(current, baseline);
  const result = await writePdfReport({ projectName: 'app', current, ...(baseline ? { baseline } : {}), comparison, outFile });
  return { outFile, result, pages: await pdfPages(outFile) };
}

/** The line of a pdftotext -layout page that holds `needle`, with runs of spaces collapsed. */
function lineWith(page: string, needle: string): string {
  const lines = page.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
  const line = lines.find((candidate) => candidate.includes(needle));
  if (line === undefined) throw new Error(`no line with ${JSON.stringify(needle)}`);
  return line;
}

describe('the PDF of the rounds fixtures, 1.1.0 vs 1.0.0 (10 rounds a side)', () => {
  let rendered: Awaited<ReturnType<typeof report>>;
  beforeAll(async () => {
    const baseline = roundsFixtureRun('1.0.0', { timestamp: Date.UTC(2026, 2, 20, 9, 46) / 1000, extra: { python_version: '3.12.8' }, gitCommit: 'aaa1111', coverage: 'off' });
    rendered = await report('app.1.1.0.pdf', roundsFixtureRun('1.1.0', { gitCommit: 'bbb2222', coverage: 'v8' }), baseline);
  });

  it('reports the page count pdfinfo sees, and no failure', async () => {
    expect(rendered.result.failedProfiles).toEqual([]);
    expect(rendered.result.pages).toBe(await pdfPageCount(rendered.outFile));
    expect(rendered.pages).toHaveLength(rendered.result.pages!);
    expect(rendered.result.pages).toBeGreaterThanOrEqual(3);
  });

  it('page 1: title, run date, the rule, totals, verdict counts, the noise line and the top changes with Δ, q and detectable change', () => {
    const page = rendered.pages[0]!;
    expect(page).toContain('Performance report: app 1.1.0 vs 1.0.0');
    expect(page).toContain('perf-report · app 1.1.0');
    expect(page).toContain('Run of 2026-03-23 14:05 UTC on linux-x64-node20 · baseline 1.0.0 run of 2026-03-20 09:46 UTC');
    expect(page).toContain("Welch's t on 10 vs 10 rounds at a 1% false discovery rate");
    expect(lineWith(page, 'profiles')).toBe('profiles zones calls total time');
    expect(lineWith(page, '8,880')).toBe('1 89 8,880 31.5 s');
    expect(lineWith(page, 'regressions improvements')).toBe('regressions improvements unconfirmed not judged new removed');
    expect(lineWith(page, 'Noise:')).toMatch(/^Noise: \d+ of 89 zones could confirm a 5% change, \d+ a 10% change, \d+ a 25% change \(median detectable change \d+%\);/);
    // The baseline ran without coverage, this run with it: page 1 says so before any verdict is read.
    expect(page.replace(/\s+/g, ' ')).toContain('Measured under other conditions than the baseline (coverage off → v8): a change may come from them rather than from the code.');
    expect(lineWith(page, 'Worst regressions')).toBe('Worst regressions (5 of 5)');
    expect(lineWith(page, 'Profile Zone Source')).toBe('Profile Zone Source Baseline Current Δ q Detectable');
    expect(lineWith(page, 'sort numbers')).toBe('suite sort numbers src/work.js:9 55.7 µs 196 µs +228% < 0.001 50%');
    expect(page).toContain('Best improvements (1 of 1)');
    expect(lineWith(page, 'json round trip')).toMatch(/^suite json round trip src\/work\.js:10 24\.9 µs 9\.64 µs -56\.9% < 0\.001 \d+%$/);
    expect(page).toContain('page 1 of');
  });

  it('page 2: current and baseline platforms side by side, "—" where a run lacks a field', () => {
    const page = rendered.pages[1]!;
    expect(lineWith(page, 'Current (1.1.0)')).toBe('Current (1.1.0) Baseline (1.0.0)');
    expect(lineWith(page, 'CPU')).toBe('CPU AMD EPYC 7763 64-Core Processor AMD EPYC 7763 64-Core Processor');
    expect(lineWith(page, 'Git commit')).toBe('Git commit bbb2222 aaa1111');
    expect(lineWith(page, 'Node version')).toBe('Node version v20.20.2 v20.20.2');
    expect(lineWith(page, 'python_version')).toBe('python_version — 3.12.8');
    expect(lineWith(page, 'Coverage')).toBe('Coverage v8 off');
  });

  it('profile section: the zone table with the run-level median, coloured Δ cells and each zone\'s detectable change', () => {
    const text = rendered.pages.slice(2).join('\n');
    expect(text).toContain('Profile: suite');
    expect(text).toContain('89 zones · 8,880 calls · 5 regressions, 1 improvement, ');
    expect(lineWith(text, '# Source')).toBe('# Source Zone Calls Median Mean Min Max Std Total % Δ Detectable');
    expect(lineWith(text, 'src/work.js:9 sort numbers')).toMatch(/^\d+ src\/work\.js:9 sort numbers 1,500 196 µs 694 µs .* \+228% 50%$/);
    expect(text).toContain('Zones by source file');
  });

  it('draws the chart: numbered bars, mean labels and a time axis', () => {
    const text = rendered.pages.slice(2).join('\n');
    expect(text).toContain('Top 10 tests, hooks and user zones by total time: mean time per call, whiskers from min to max');
    expect(text).toContain('1. file 2 > calls sortWork 150 times');
    expect(text).not.toContain('1. run test/file2.test.js');
    expect(text).toMatch(/current mean\s+baseline mean\s+min – max/);
    expect(text).toContain('mean per call (log scale)');
  });

  it('writes atomically: only the PDF is left, and a second write replaces it', async () => {
    writeFileSync(join(dir, 'replace-me.pdf'), 'old');
    const again = await report('replace-me.pdf', roundsFixtureRun('1.1.0'), roundsFixtureRun('1.0.0'));
    expect(again.pages[0]).toContain('Performance report: app 1.1.0 vs 1.0.0');
    expect(readdirSync(dir).filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the PDF of two single runs (the tracy-csvexport fixtures, no rounds)', () => {
  it('shows Δ but judges nothing, and says what a verdict needs', async () => {
    const { pages } = await report('single.pdf', fixtureRun('1.1.0'), fixtureRun('1.0.0'));
    const page = pages[0]!;
    expect(page).toContain('No zone could be judged: a verdict needs several rounds');
    expect(lineWith(page, 'Not judged:')).toMatch(/^Not judged: 1 vs 1 round cannot confirm a change; record \d+ or more rounds on each side/);
    expect(page).toContain('No confirmed regression.');
    const text = pages.slice(2).join('\n');
    expect(text).toContain('40 zones · 2,441 calls · 0 regressions, 0 improvements, 0 unconfirmed, 39 not judged, 1 new, 1 removed');
    expect(lineWith(text, '1 test/db.test.ts:29 db > insert')).toMatch(/ not judged ∞$/);
  });
});

describe('PDF edge cases', () => {
  it('without a baseline: no "vs", no Δ column, says nothing was compared', async () => {
    const { pages, result } = await report('alone.pdf', fixtureRun('1.0.0'), undefined);
    expect(pages[0]).toContain('Performance report: app 1.0.0\n');
    expect(pages[0]).not.toContain(' vs ');
    expect(pages[0]).toContain('No earlier run of this platform was found: nothing was compared.');
    expect(lineWith(pages[1]!, 'Current (1.0.0)')).toBe('Current (1.0.0) Baseline (none)');
    expect(lineWith(pages[1]!, 'CPU')).toBe('CPU AMD EPYC 7763 64-Core Processor —');
    expect(lineWith(pages.join('\n'), '# Source')).toBe('# Source Zone Calls Median Mean Min Max Std Total %');
    expect(result.failedProfiles).toEqual([]);
  });

  it('a baseline that shares no zone is not named in the title', async () => {
    const baseline = makeRun('0.9.0', [makeProfile('app', 'a.csv', [zone('something else')])]);
    const { pages } = await report('unrelated.pdf', fixtureRun('1.1.0'), baseline);
    expect(pages[0]).toContain('Performance report: app 1.1.0\n');
    expect(lineWith(pages[0]!, 'regressions improvements')).toBe('regressions improvements unconfirmed not judged new removed');
  });

  it('survives ^ < ~, CJK, emoji, a 4 KB name, an empty profile and 10,000 zones', async () => {
    const hostile = [
      zone('a^b \\section{x} 100% $HOME #1 _under_', { srcLine: 1, totalNs: 9e9 }),
      zone('render > mounts <App /> & <b>', { srcLine: 2, totalNs: 8e9 }),
      zone('~tilde~ and {braces}', { srcLine: 3, totalNs: 7e9 }),
      zone('unicode > µs → 日本語 ✓ 한국어 😀🚀', { srcLine: 4, totalNs: 6e9 }),
      zone(`long ${'x'.repeat(4096)} end`, { srcLine: 5, totalNs: 5e9 }),
      zone('control\u0000chars\u0007 and a lone \ud800 surrogate', { srcLine: 6, totalNs: 4e9 }),
    ];
    const big = Array.from({ length: 10_000 }, (_, i) =>
      zone(`suite > case ${i}`, { srcFile: `test/f${i % 250}.test.ts`, srcLine: i, totalNs: 1e6 + i, meanNs: 1_000 + i }),
    );
    const current = makeRun('2.0.0-rc.1', [
      makeProfile('hostile ^<~>', 'h.csv', hostile),
      makeProfile('empty', 'e.csv', []),
      makeProfile('big', 'b.csv', big),
    ]);
    const baseline = makeRun('1.0.0', [
      makeProfile('hostile ^<~>', 'h.csv', hostile.map((z) => ({ ...z, meanNs: z.meanNs * 1.2 }))),
      makeProfile('empty', 'e.csv', []),
      makeProfile('big', 'b.csv', big.slice(0, 9_990)),
    ]);
    const { pages, result } = await report('hostile.pdf', current, baseline);
    expect(result.failedProfiles).toEqual([]);
    const text = pages.join('\n');
    expect(text).toContain('Profile: hostile ^<~>');
    expect(text).toContain('a^b \\section{x} 100% $HOME #1 _under_');
    expect(text).toContain('render > mounts <App /> & <b>');
    expect(text).toContain('~tilde~ and {braces}');
    expect(text).toContain('control chars and a lone');
    expect(text).toMatch(/long x+…x+ end/);
    expect(text).toContain('Profile: empty');
    expect(text).toContain('This profile has no zones in the current run.');
    expect(text).toContain('10,000 zones · ');
    expect(text).toContain('Top 30 of 10,000 tests, hooks and user zones by total time');
    expect(text).toContain('… and 230 more source files with less time.');
    expect(result.pages).toBeLessThan(20);
  });

  it('replaces a profile that cannot be rendered by a note and writes the rest', async () => {
    // A corrupt record, as a damaged store could return it (built by hand: makeProfile would sort on the name).
    const broken = { ...zone('fine'), name: null as unknown as string };
    const brokenProfile = { name: 'broken', sourcePath: 'b.csv', records: [zone('ok'), broken], totalCalls: 200 };
    const current = makeRun('1.1.0', [fixtureProfile('1.1.0'), brokenProfile]);
    const { pages, result } = await report('broken.pdf', current, fixtureRun('1.0.0'));
    expect(result.failedProfiles).toEqual(['broken']);
    expect(result.failures[0]!.reason).not.toBe('');
    const text = pages.join('\n');
    expect(text).toContain('Profile: broken');
    expect(text).toContain('This profile could not be rendered: ');
    expect(text).toContain('Profile: app');
    expect(lineWith(text, '1 test/db.test.ts:29')).toMatch(/not judged ∞$/);
  });
});
