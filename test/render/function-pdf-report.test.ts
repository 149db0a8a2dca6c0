import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFunctionRuns } from '../../src/compare/compare-functions.js';
import type { FunctionRunComparison } from '../../src/compare/comparison.js';
import { extractAllCpuProfiles } from '../../src/extract/cpuprofile/extract-cpuprofile.js';
import type { FunctionRun } from '../../src/model/run.js';
import { functionChartOption } from '../../src/render/chart/function-chart.js';
import { writePdfReport } from '../../src/render/pdf/write-pdf-report.js';
import { formatTextSummary } from '../../src/render/text-summary.js';
import { makeMeta } from '../support/tracy-fixture.js';
import { writeRecordedCpuProfile } from '../support/recorded-cpuprofiles.js';
import { pdfPageCount, pdfPages } from '../support/pdf-tools.js';

let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'perf-report-cpuprofile-pdf-'));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/**
 * One version of the hot-loop program as recorded profiles of the measured project's
 * `src/work.mjs` (fixtures/cpuprofile/recorded): what gets judged follows the recorded samples,
 * not the load of the machine the test runs on.
 */
async function profiledRun(version: '1.0.0' | '1.1.0', timestamp: number): Promise<FunctionRun> {
  const out = join(project, 'profiles', version);
  writeRecordedCpuProfile(version, project, join(out, `hot.${version}.cpuprofile`));
  const profiles = await extractAllCpuProfiles(out, { projectRoot: project, version });
  const meta = makeMeta(version, { backend: 'cpuprofile', timestamp });
  return { kind: 'functions', version, platformId: meta.platformId, meta, profiles };
}

/** The line of a pdftotext -layout page that holds `needle`, with runs of spaces collapsed. */
function lineWith(page: string, needle: string): string {
  const lines = page.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
  const line = lines.find((candidate) => candidate.includes(needle));
  if (line === undefined) throw new Error(`no line with ${JSON.stringify(needle)} in\n${page}`);
  return line;
}

describe('the PDF of two V8 CPU profiles, hotLoop doing twice the work in 1.1.0', () => {
  let baseline: FunctionRun;
  let current: FunctionRun;
  let comparison: FunctionRunComparison;
  let pages: string[];
  let outFile: string;
  let pageCount: number | undefined;

  beforeAll(async () => {
    baseline = await profiledRun('1.0.0', Date.UTC(2026, 2, 20, 9, 46) / 1000);
    current = await profiledRun('1.1.0', Date.UTC(2026, 2, 23, 14, 5) / 1000);
    comparison = compareFunctionRuns(current, baseline);
    outFile = join(project, 'app.1.1.0.pdf');
    const result = await writePdfReport({ projectName: 'app', current, baseline, comparison, outFile });
    expect(result.failedProfiles).toEqual([]);
    pageCount = result.pages;
    pages = await pdfPages(outFile);
  });

  it('confirms hotLoop as a regression of about +100% inclusive time', () => {
    const hot = comparison.profiles[0]!.functions.find((f) => f.functionName === 'hotLoop')!;
    expect(hot).toMatchObject({ profile: 'hot', file: 'src/work.mjs', line: 4, verdict: 'regression' });
    expect(hot.deltaPercent).toBeGreaterThan(50);
    expect(hot.currentShare!).toBeGreaterThan(hot.baselineShare!);
    expect(hot.pValue).toBeLessThan(0.001);
    expect(comparison.topRegressions.map((f) => f.functionName)).toContain('hotLoop');
  });

  it('page 1: title with the baseline, the test used, totals, counts, and hotLoop among the worst regressions', async () => {
    expect(pageCount).toBe(await pdfPageCount(outFile));
    const page = pages[0]!;
    expect(page).toContain('Performance report: app 1.1.0 vs 1.0.0');
    expect(page).toContain('Run of 2026-03-23 14:05 UTC on linux-x64-node20 · baseline 1.0.0 run of 2026-03-20 09:46 UTC');
    expect(page.replace(/\s+/g, ' ')).toContain('two-proportion z-test on the function\'s share of samples');
    expect(lineWith(page, 'profiles functions')).toBe('profiles functions samples profiled time');
    expect(lineWith(page, 'regressions improvements')).toBe('regressions improvements unconfirmed new removed');
    expect(lineWith(page, 'Profile Function Source')).toBe('Profile Function Source Baseline incl. Current incl. Δ inclusive p');
    expect(lineWith(page, 'hotLoop')).toMatch(/^hot hotLoop src\/work\.mjs:4 \d+(\.\d+)? ms \d+(\.\d+)? ms \+\d+(\.\d)?% < 0\.001$/);
    const regressions = page.slice(page.indexOf('Worst regressions'), page.indexOf('Best improvements'));
    expect(regressions).toContain('hotLoop');
  });

  it('page 2: the platform table records the cpuprofile backend', () => {
    expect(lineWith(pages[1]!, 'Backend')).toBe('Backend cpuprofile cpuprofile');
  });

  it('profile section: the chart of the top functions and the top-30 table with Δ inclusive', () => {
    const text = pages.slice(2).join('\n');
    expect(text).toContain('Profile: hot');
    expect(lineWith(text, 'functions ·')).toMatch(/^\d+ functions · [\d,]+ samples · [\d.]+ m?s profiled · \d+ regressions?, /);
    expect(text).toContain('Top 10 functions by inclusive time: inclusive and self time, baseline inclusive beside');
    // The chart's legend and numbered bars, as text in the SVG.
    expect(text).toContain('baseline inclusive');
    expect(text).toMatch(/\d+\. hotLoop/);
    // A header too wide for its column wraps ("Baseline incl." sets "incl." under it).
    expect(lineWith(text, '# Function').replace(' incl. Δ', ' Δ')).toBe('# Function Source Self Inclusive Incl. % Self samples Baseline Δ inclusive p');
    expect(lineWith(text, 'hotLoop src/work.mjs:4')).toMatch(/^\d+ hotLoop src\/work\.mjs:4 [\d.]+ ms [\d.]+ ms [\d.]+% [\d,]+ [\d.]+ ms \+[\d.]+% < 0\.001$/);
  });

  it('the terminal summary names hotLoop among the worst regressions', () => {
    const text = formatTextSummary(comparison, { projectName: 'app' });
    expect(text.split('\n')[0]).toBe('perf-report: app 1.1.0 vs 1.0.0');
    expect(text).toMatch(/ {2}1 CPU profile, \d+ functions, [\d,]+ samples, [\d.]+ m?s profiled/);
    expect(text).toMatch(/\+[\d.]+% {2}hotLoop {2}\[hot, src\/work\.mjs:4\] {2}[\d.]+ ms -> [\d.]+ ms inclusive, p < 0\.001/);
  });

  it('without a baseline: no "vs", no Δ columns, says nothing was compared', async () => {
    const alone = join(project, 'alone.pdf');
    await writePdfReport({ projectName: 'app', current, comparison: compareFunctionRuns(current, undefined), outFile: alone });
    const [first, , ...rest] = await pdfPages(alone);
    expect(first).toContain('Performance report: app 1.1.0\n');
    expect(first).toContain('No earlier run of this platform was found: nothing was compared.');
    expect(lineWith(rest.join('\n'), '# Function')).toBe('# Function Source Self Inclusive Incl. % Self samples');
  });

  it('the chart draws inclusive and self bars, the baseline beside only when asked', () => {
    const functions = comparison.profiles[0]!.functions.filter((f) => f.current).slice(0, 10);
    const option = functionChartOption({ functions, withBaseline: true }) as { series: Array<{ name: string; data: Array<number | null> }> };
    expect(option.series.map((series) => series.name)).toEqual(['inclusive', 'self', 'baseline inclusive']);
    const hotIndex = functions.findIndex((f) => f.functionName === 'hotLoop');
    expect(option.series[0]!.data[hotIndex]).toBeCloseTo(functions[hotIndex]!.current!.totalSeconds * 1e9, 0);
    const alone = functionChartOption({ functions, withBaseline: false }) as { series: Array<{ name: string }> };
    expect(alone.series.map((series) => series.name)).toEqual(['inclusive', 'self']);
  });
});
