import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { cliPath, roundsFixtures, tracyFixtures } from '../support/fixtures.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function perfReport(args: string[], cwd: string) {
  return execa(process.execPath, [cliPath, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });
}

/** A measured project: a package.json with a name and version, and its perf/ exports. */
function project(version: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'sample-app', version }));
  mkdirSync(join(dir, 'exports'));
  copyFileSync(join(tracyFixtures, `app.${version}.csv`), join(dir, 'exports', `app.${version}.csv`));
  return dir;
}

/** A project whose exports are the rounds fixtures: statistics CSVs with their rounds beside them. */
function roundsProject(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'sample-app', version: '1.0.0' }));
  mkdirSync(join(dir, 'exports'));
  for (const file of readdirSync(roundsFixtures)) if (file.endsWith('.csv')) copyFileSync(join(roundsFixtures, file), join(dir, 'exports', file));
  return dir;
}

describe('perf-report generate', () => {
  it('stores two versions into one history and lists them', async () => {
    const dir = project('1.0.0');
    const first = await perfReport(['generate', '-i', 'exports', '-o', 'perf'], dir);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('1 profile, 40 zones, version 1.0.0');
    // The same version again replaces the run, and says how to get a comparison instead.
    const again = await perfReport(['generate', '-i', 'exports', '-o', 'perf'], dir);
    expect(again.stdout).toContain('no baseline: nothing compared');
    expect(again.stdout).toMatch(/no other version is stored on \S+: a run under the same version replaces it; bump the version/);
    copyFileSync(join(tracyFixtures, 'app.1.1.0.csv'), join(dir, 'app.1.1.0.csv'));
    const second = await perfReport(['generate', '-i', 'app.1.1.0.csv', '-o', 'perf', '--version', '1.1.0', '--platform', 'ci-box'], dir);
    expect(second.exitCode).toBe(0);
    // Another platform: no baseline for it yet.
    expect(second.stdout).toContain('no baseline: nothing compared');
    expect(existsSync(join(dir, 'perf', 'sample-app.1.0.0.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'perf', 'sample-app.1.1.0.pdf'))).toBe(true);

    const storage = new ProfileStorage(join(dir, 'perf', 'profiles.h5'));
    expect((await storage.listVersions()).sort()).toEqual(['1.0.0', '1.1.0']);
    expect(await storage.listPlatforms('1.1.0')).toEqual(['ci-box']);
    const stored = await storage.loadMeta('1.0.0', (await storage.listPlatforms('1.0.0'))[0]!);
    expect(stored.packageName).toBe('sample-app');

    const list = await perfReport(['list', '-o', 'perf'], dir);
    expect(list.exitCode).toBe(0);
    const lines = list.stdout.split('\n');
    expect(lines[0]).toMatch(/^version\s+platform\s+stored \(UTC\)\s+backend\s+profiles$/);
    expect(lines[1]).toMatch(/^1\.0\.0\s+linux-/);
    expect(lines[2]).toMatch(/^1\.1\.0\s+ci-box\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+tracy\s+1$/);
  });

  it('compares with the previous version from the runs\' rounds, names the regressions and writes the JSON verdict', async () => {
    const dir = roundsProject();
    expect((await perfReport(['generate', '-i', 'exports/suite.1.0.0.csv', '-o', 'perf', '--version', '1.0.0'], dir)).exitCode).toBe(0);
    const second = await perfReport(
      ['generate', '-i', 'exports/suite.1.1.0.csv', '-o', 'perf', '--version', '1.1.0', '--pdf-name', 'latest.pdf', '--summary-json', 'verdict.json'],
      dir,
    );
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('perf-report: sample-app 1.1.0 vs 1.0.0');
    expect(second.stdout).toMatch(/5 regressions, 1 improvement, \d+ unconfirmed, 0 new, 0 removed/);
    expect(second.stdout).toMatch(/\+228%\s+sort numbers/);
    expect(second.stdout).toContain(`report: ${join(dir, 'perf', 'latest.pdf')}`);
    expect(existsSync(join(dir, 'perf', 'latest.pdf'))).toBe(true);
    // The rounds went into the history with the run: a comparison of the stored runs gives the same.
    const stored = await new ProfileStorage(join(dir, 'perf', 'profiles.h5')).listRuns();
    expect(stored.map((run) => run.meta.rounds)).toEqual([10, 10]);

    const verdict = JSON.parse(readFileSync(join(dir, 'verdict.json'), 'utf8'));
    expect(verdict).toMatchObject({ schema: 1, kind: 'zones', currentVersion: '1.1.0', baselineVersion: '1.0.0', thresholdPercent: 5, alpha: 0.01 });
    expect(verdict.counts).toMatchObject({ regression: 5, improvement: 1 });
    expect(verdict.noise).toMatchObject({ matched: 89, judged: 89, rounds: { current: 10, baseline: 10 } });
    const sort = verdict.zones.find((zone: { name: string }) => zone.name === 'sort numbers');
    expect(sort).toMatchObject({ profile: 'suite', srcFile: 'src/work.js', srcLine: 9, verdict: 'regression', calls: 1500, rounds: { current: 10, baseline: 10 } });
    expect(sort.qValue).toBeLessThan(0.01);
    expect(sort.mdePercent).toBeGreaterThan(0);

    const uncompared = await perfReport(['generate', '-i', 'exports/suite.1.1.0.csv', '-o', 'perf', '--version', '1.1.0', '--no-compare'], dir);
    expect(uncompared.stdout).toContain('no baseline: nothing compared');
    const strict = await perfReport(['generate', '-i', 'exports/suite.1.1.0.csv', '-o', 'perf', '--version', '1.1.0', '--threshold', '400'], dir);
    expect(strict.stdout).toContain('0 regressions, 0 improvements');
    const missing = await perfReport(['generate', '-i', 'exports/suite.1.1.0.csv', '-o', 'perf', '--version', '1.1.0', '--baseline', '0.9.0'], dir);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/profiles\.h5: no run of version 0\.9\.0 on platform \S+ \(stored: 1\.0\.0, 1\.1\.0\)/);
    const badNumber = await perfReport(['generate', '-i', 'exports', '--threshold', 'lots'], dir);
    expect(badNumber.exitCode).toBe(2);
    expect(badNumber.stderr).toContain('"lots" is not a non-negative number');
  });

  it('--no-h5 leaves no history behind', async () => {
    const dir = project('1.0.0');
    const result = await perfReport(['generate', '-i', 'exports', '-o', 'perf', '--no-h5'], dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain('stored in');
    await expect(new ProfileStorage(join(dir, 'perf', 'profiles.h5')).listVersions()).rejects.toThrow('no such file');
  });

  it('exits 2 with one line naming the file on bad input', async () => {
    const dir = project('1.0.0');
    writeFileSync(join(dir, 'exports', 'broken.csv'), 'name,src_file\nz,f\n');
    const result = await perfReport(['generate', '-i', 'exports/broken.csv', '-o', 'perf'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `perf-report: ${join(dir, 'exports', 'broken.csv')}: missing columns src_line, total_ns, total_perc, counts, mean_ns, min_ns, max_ns, std_ns`,
    ]);
  });

  it('prints the stack only with --debug', async () => {
    const dir = project('1.0.0');
    const plain = await perfReport(['generate', '-i', 'missing.csv', '-o', 'perf'], dir);
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await perfReport(['generate', '-i', 'missing.csv', '-o', 'perf', '--debug'], dir);
    expect(debug.exitCode).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('exits 2 on a damaged profiles.h5 and leaves it alone', async () => {
    const dir = project('1.0.0');
    mkdirSync(join(dir, 'perf'));
    writeFileSync(join(dir, 'perf', 'profiles.h5'), 'garbage');
    const result = await perfReport(['generate', '-i', 'exports', '-o', 'perf'], dir);
    expect(result.exitCode).toBe(2);
    // Found while looking up the baseline, before anything would be stored.
    expect(result.stderr).toContain('profiles.h5: is not an HDF5 file (no HDF5 signature)');
    expect(readFileSync(join(dir, 'perf', 'profiles.h5'), 'utf8')).toBe('garbage');
  });

  it('exits 1 when the output cannot be written', async () => {
    const dir = project('1.0.0');
    writeFileSync(join(dir, 'blocker'), '');
    const result = await perfReport(['generate', '-i', 'exports', '-o', 'blocker/perf'], dir);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('blocker/perf: cannot create the output directory: a file stands where a directory is needed');
  });

  it('asks for --version when package.json has none', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
    copyFileSync(join(tracyFixtures, 'app.1.0.0.csv'), join(dir, 'a.csv'));
    const result = await perfReport(['generate', '-i', 'a.csv'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('package.json: has no version; pass --version');
  });

  it('exits 2 on a usage error and 0 on --help', async () => {
    const dir = tempDir();
    const usage = await perfReport(['generate'], dir);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain("required option '-i, --input <path>' not specified");
    const help = await perfReport(['generate', '--help'], dir);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--pdf-name <file>');
    const listHelp = await perfReport(['list', '--help'], dir);
    expect(listHelp.exitCode).toBe(0);
  });
});
