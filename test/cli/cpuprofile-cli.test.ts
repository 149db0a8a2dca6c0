import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { pdfPages } from '../support/pdf-tools.js';
import { cliPath, repoRoot } from '../support/fixtures.js';
import { writeRecordedCpuProfile } from '../support/recorded-cpuprofiles.js';
function perfReport(args: string[], cwd: string) {
  return execa(process.execPath, [cliPath, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });
}

/**
 * The measured project: a package.json, and the recorded profiles of the two versions of the
 * hot-loop program as its `src/work.mjs` in `cpu/<version>/hot.cpuprofile`
 * (fixtures/cpuprofile/recorded: fixed samples, whatever the machine's load). Each test writes
 * its own output directory, so that none starts with another's history.
 */
let profiled: string;
beforeAll(() => {
  profiled = mkdtempSync(join(tmpdir(), 'perf-report-cpuprofile-cli-'));
  writeFileSync(join(profiled, 'package.json'), JSON.stringify({ name: 'hot-app', version: '1.0.0' }));
  mkdirSync(join(profiled, 'src'));
  copyFileSync(join(repoRoot, 'fixtures/cpuprofile/hot-loop.1.1.0.mjs'), join(profiled, 'src/work.mjs'));
  for (const version of ['1.0.0', '1.1.0'] as const) writeRecordedCpuProfile(version, profiled, join(profiled, 'cpu', version, 'hot.cpuprofile'));
});
afterAll(() => rmSync(profiled, { recursive: true, force: true }));

async function storedRun(h5Path: string, version: string) {
  const storage = new ProfileStorage(h5Path);
  const summary = (await storage.listRuns()).find((run) => run.meta.version === version && run.meta.backend === 'cpuprofile');
  return storage.loadRun(version, summary!.meta.platformId, 'cpuprofile');
}

describe('perf-report generate --backend cpuprofile', () => {
  it('stores two versions, compares them and names hotLoop as the regression', async () => {
    const dir = profiled;
    const first = await perfReport(['generate', '--backend', 'cpuprofile', '-i', 'cpu/1.0.0', '-o', 'perf', '--version', '1.0.0'], dir);
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/^1 profile, \d+ functions, version 1\.0\.0 on \S+$/m);
    expect(first.stdout).toContain('no baseline: nothing compared');

    const second = await perfReport(['generate', '--backend', 'cpuprofile', '-i', 'cpu/1.1.0', '-o', 'perf', '--version', '1.1.0'], dir);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('perf-report: hot-app 1.1.0 vs 1.0.0');
    expect(second.stdout).toMatch(/\d+ regressions?, \d+ improvements?, \d+ unconfirmed, \d+ new, \d+ removed \(\|Δ inclusive\| ≥ 5% and sample-share z-test p < 0\.01\)/);
    expect(second.stdout).toMatch(/\+[\d.]+%\s+hotLoop\s+\[hot, src\/work\.mjs:4\]\s+[\d.]+ ms -> [\d.]+ ms inclusive, p < 0\.001/);

    const pdf = join(dir, 'perf', 'hot-app.1.1.0.pdf');
    expect(existsSync(pdf)).toBe(true);
    const [page1, page2] = await pdfPages(pdf);
    expect(page1).toContain('Performance report: hot-app 1.1.0 vs 1.0.0');
    const regressions = page1!.slice(page1!.indexOf('Worst regressions'), page1!.indexOf('Best improvements'));
    expect(regressions).toMatch(/hot\s+hotLoop\s+src\/work\.mjs:4/);
    expect(page2).toMatch(/Backend\s+cpuprofile\s+cpuprofile/);

    const stored = await storedRun(join(dir, 'perf', 'profiles.h5'), '1.1.0');
    expect(stored.meta.backend).toBe('cpuprofile');
    expect(stored.kind === 'functions' && stored.profiles[0]?.functions.find((f) => f.functionName === 'hotLoop')).toMatchObject({ file: 'src/work.mjs', line: 4 });

    const list = await perfReport(['list', '-o', 'perf'], dir);
    expect(list.stdout).toMatch(/^1\.1\.0\s+\S+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+cpuprofile\s+1$/m);
  });

  it('detects .cpuprofile input by itself and filters functions with repeatable --include/--exclude', async () => {
    const dir = profiled;
    const result = await perfReport(
      ['generate', '-i', 'cpu/1.0.0', '-o', 'perf-filtered', '--version', '1.0.0', '--include', 'src/**', '--include', 'node:**', '--exclude', 'node:internal/**'],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const run = await storedRun(join(dir, 'perf-filtered', 'profiles.h5'), '1.0.0');
    if (run.kind !== 'functions') throw new Error('expected a cpuprofile run');
    const files = run.profiles[0]!.functions.map((f) => f.file);
    expect(files).toContain('src/work.mjs');
    expect(files.every((file) => file.startsWith('src/') || (file.startsWith('node:') && !file.startsWith('node:internal/')))).toBe(true);
  });

  it('asks for --backend when a directory holds both .cpuprofile and Tracy files', async () => {
    const dir = profiled;
    mkdirSync(join(dir, 'mixed'));
    copyFileSync(join(dir, 'cpu', '1.0.0', 'hot.cpuprofile'), join(dir, 'mixed', 'hot.cpuprofile'));
    copyFileSync(join(repoRoot, 'fixtures/tracy-csvexport/app.1.0.0.csv'), join(dir, 'mixed', 'app.1.0.0.csv'));
    const mixed = await perfReport(['generate', '-i', 'mixed', '-o', 'perf-mixed'], dir);
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toContain('pass --backend tracy or --backend cpuprofile');
    const told = await perfReport(['generate', '-i', 'mixed', '-o', 'perf-mixed', '--backend', 'cpuprofile'], dir);
    expect(told.exitCode).toBe(0);
    expect(told.stdout).toMatch(/^1 profile, \d+ functions, version 1\.0\.0/m);
  });
});
