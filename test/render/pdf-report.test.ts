import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { makeProfile } from '../../src/model/profile.js';
import type { ZoneRun } from '../../src/model/run.js';
import { writePdfReport } from '../../src/render/pdf/write-pdf-report.js';
import { fixtureProfile, fixtureRun, makeRun, zone } from '../support/tracy-fixture.js';
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

describe('the PDF of the tracy-csvexport fixtures, 1.1.0 vs 1.0.0', () => {
  let rendered: Awaited<ReturnType<typeof report>>;
  beforeAll(async () => {
    const baseline = fixtureRun('1.0.0', { timestamp: Date.UTC(2026, 2, 20, 9, 46) / 1000, extra: { python_version: '3.12.8' }, gitCommit: 'aaa1111' });
    rendered = await report('app.1.1.0.pdf', fixtureRun('1.1.0', { gitCommit: 'bbb2222' }), baseline);
  });

  it('reports the page count pdfinfo sees, and no failure', async () => {
    expect(rendered.result.failedProfiles).toEqual([]);
    expect(rendered.result.pages).toBe(await pdfPageCount(rendered.outFile));
    expect(rendered.pages).toHaveLength(rendered.result.pages!);
    expect(rendered.result.pages).toBeGreaterThanOrEqual(3);
  });

  it('page 1: title with the baseline, run date, totals, counts and the top changes with Δ and p', () => {
    const page = rendered.pages[0]!;
    expect(page).toContain('Performance report: app 1.1.0 vs 1.0.0');
    expect(page).toContain('perf-report · app 1.1.0');
    expect(page).toContain('Run of 2026-03-23 14:05 UTC on linux-x64-node20 · baseline 1.0.0 run of 2026-03-20 09:46 UTC');
    expect(lineWith(page, 'profiles')).toBe('profiles zones calls total time');
    expect(lineWith(page, '2,441')).toBe('1 40 2,441 460 ms');
    expect(lineWith(page, 'regressions improvements')).toBe('regressions improvements unconfirmed new removed');
    expect(lineWith(page, 'Worst regressions')).toBe('Worst regressions (3 of 3)');
    expect(lineWith(page, 'db > insert 1000 rows')).toBe('app db > insert 1000 rows test/db.test.ts:29 1.92 ms 2.86 ms +49.4% < 0.001');
    expect(lineWith(page, 'render > updates 500 list items')).toBe(
      'app render > updates 500 list items test/render.test.ts:25 2.50 ms 1.51 ms -39.8% < 0.001',
    );
    expect(page).toContain('Best improvements (2 of 2)');
    expect(page).toContain('page 1 of');
  });

  it('page 2: current and baseline platforms side by side, "—" where a run lacks a field', () => {
    const page = rendered.pages[1]!;
    expect(lineWith(page, 'Current (1.1.0)')).toBe('Current (1.1.0) Baseline (1.0.0)');
    expect(lineWith(page, 'CPU')).toBe('CPU AMD EPYC 7763 64-Core Processor AMD EPYC 7763 64-Core Processor');
    expect(lineWith(page, 'Git commit')).toBe('Git commit bbb2222 aaa1111');
    expect(lineWith(page, 'Node version')).toBe('Node version v20.20.2 v20.20.2');
    expect(lineWith(page, 'python_version')).toBe('python_version — 3.12.8');
  });

  it('profile section: the zone table with coloured Δ cells, new and removed zones', () => {
    const text = rendered.pages.slice(2).join('\n');
    expect(text).toContain('Profile: app');
    expect(text).toContain('40 zones · 2,441 calls · 3 regressions, 2 improvements, 0 unconfirmed, 1 new, 1 removed');
    expect(lineWith(text, '# Source')).toBe('# Source Zone Calls Mean Min Max Std Total % Δ mean');
    expect(lineWith(text, 'test/db.test.ts:29 db > insert')).toBe('1 test/db.test.ts:29 db > insert 1000 rows 10 2.86 ms 2.67 ms 3.05 ms 132 µs 6.2% +49.4%');
    expect(lineWith(text, 'test/parser.test.ts:73 parser > round-trips')).toMatch(/ \+48\.4%$/);
    expect(lineWith(text, 'parser > handles, commas in names')).toMatch(/^\d+ test\/parser\.test\.ts:31 parser > handles, commas in names 12 440 µs .* -39\.4%$/);
    expect(lineWith(text, 'test/setup.ts:12 beforeEach')).toMatch(/ -0\.3%$/);
    expect(lineWith(text, 'Changes outside the tables above')).toBe('Changes outside the tables above (2)');
    expect(lineWith(text, 'Zone Source Baseline mean')).toBe('Zone Source Baseline mean Current mean Δ mean p');
    expect(lineWith(text, 'parser > parses BigInt literals')).toMatch(/^parser > parses BigInt literals test\/parser\.test\.ts:87 — \d+ µs new —$/);
    expect(lineWith(text, 'cache > hit ratio above 0.9')).toBe('cache > hit ratio above 0.9 test/cache.test.ts:30 210 µs — removed —');
    expect(text).toContain('Zones by source file');
  });

  it('draws the chart: numbered bars, mean labels and a time axis', () => {
    const text = rendered.pages.slice(2).join('\n');
    expect(text).toContain('Top 10 tests, hooks and user zones by total time: mean time per call, whiskers from min to max');
    expect(text).toContain('1. db > insert 1000 rows');
    expect(text).toMatch(/current mean\s+baseline mean\s+min – max/);
    expect(text).toContain('mean per call (log scale)');
    expect(text).toMatch(/10 µs\s+100 µs\s+1 ms\s+10 ms/);
  });

  it('writes atomically: only the PDF is left, and a second write replaces it', async () => {
    writeFileSync(join(dir, 'replace-me.pdf'), 'old');
    const again = await report('replace-me.pdf', fixtureRun('1.1.0'), fixtureRun('1.0.0'));
    expect(again.pages[0]).toContain('Performance report: app 1.1.0 vs 1.0.0');
    expect(readdirSync(dir).filter((file) => file.endsWith('.tmp'))).toEqual([]);
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
    expect(lineWith(pages.join('\n'), '# Source')).toBe('# Source Zone Calls Mean Min Max Std Total %');
    expect(result.failedProfiles).toEqual([]);
  });

  it('a baseline that shares no zone is not named in the title', async () => {
    const baseline = makeRun('0.9.0', [makeProfile('app', 'a.csv', [zone('something else')])]);
    const { pages } = await report('unrelated.pdf', fixtureRun('1.1.0'), baseline);
    expect(pages[0]).toContain('Performance report: app 1.1.0\n');
    expect(lineWith(pages[0]!, 'regressions improvements')).toBe('regressions improvements unconfirmed new removed');
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
    expect(lineWith(text, '1 test/db.test.ts:29')).toMatch(/\+49\.4%$/);
  });
});
