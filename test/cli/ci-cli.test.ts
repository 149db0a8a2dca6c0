// The CI surface of the command line: exit codes, one-line errors, nothing stored on bad input,
// the summaries, compare and merge. The real vitest side is in test/plugin/ci-e2e.test.ts.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { cliPath, roundsFixtures, tracyFixtures } from '../support/fixtures.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function perfReport(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const cleared = Object.fromEntries(Object.keys(process.env).filter((key) => key.startsWith('GITHUB_') || key.startsWith('PERF_')).map((key) => [key, '']));
  return execa(process.execPath, [cliPath, ...args], { cwd, reject: false, env: { ...cleared, NO_COLOR: '1', ...env } });
}

/** A project with the recorded rounds (base 1.0.0, head 1.1.0) in exports/. */
function roundsProject(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'suite-app', version: '1.0.0' }));
  mkdirSync(join(dir, 'exports'));
  for (const file of readdirSync(roundsFixtures)) if (file.endsWith('.csv')) copyFileSync(join(roundsFixtures, file), join(dir, 'exports', file));
  return dir;
}

const base = ['generate', '-i', 'exports/suite.1.0.0.csv', '-o', 'perf', '--version', '1.0.0'];
const head = ['generate', '-i', 'exports/suite.1.1.0.csv', '-o', 'perf', '--version', '1.1.0'];

describe('the gate on generate and compare', () => {
  it('exits 3 on a confirmed regression and still writes both summaries, appending to the step summary', async () => {
    const dir = roundsProject();
    const step = join(dir, 'step.md');
    writeFileSync(step, '### an earlier step\n\n');
    expect((await perfReport([...base, '--fail-on-regression', '--summary-md', 'out/base.md'], dir, { GITHUB_STEP_SUMMARY: step })).exitCode).toBe(0);
    const gated = await perfReport([...head, '--fail-on-regression', '--summary-md', 'out/head.md', '--summary-json', 'out/head.json'], dir, { GITHUB_STEP_SUMMARY: step });
    expect(gated.exitCode).toBe(3);
    expect(gated.stdout).toMatch(/^ {2}gate: failed: 5 confirmed regressions over budget among 89 judged zones: /m);
    const markdown = readFileSync(join(dir, 'out', 'head.md'), 'utf8');
    expect(markdown).toContain('**Gate failed** (exit 3)');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'head.json'), 'utf8')).gate).toMatchObject({ outcome: 'failed', exitCode: 3 });
    // Appended after the earlier step's text: both runs, in order.
    expect(readFileSync(step, 'utf8')).toBe(`### an earlier step\n\n${readFileSync(join(dir, 'out', 'base.md'), 'utf8')}\n${markdown}\n`);

    // Budgets from perf-report.config.json: ignore what regressed and the gate passes.
    writeFileSync(join(dir, 'perf-report.config.json'), JSON.stringify({ budgets: { 'file 2**': 'ignore', 'run test/file2**': 'ignore', 'sort numbers': 'ignore', 'fnv hash': 200 } }));
    const budgeted = await perfReport([...head, '--fail-on-regression'], dir);
    expect(budgeted.stdout).toContain('gate: passed: no confirmed regression over budget among 75 judged zones, 14 ignored by the budgets');
    expect(budgeted.exitCode).toBe(0);

    // The stored runs again, by compare: the same gate, the report beside the history.
    writeFileSync(join(dir, 'perf-report.config.json'), '{}');
    const compared = await perfReport(['compare', '1.1.0', '1.0.0', '--h5', 'perf/profiles.h5', '--fail-on-regression'], dir);
    expect(compared.exitCode).toBe(3);
    expect(compared.stdout).toContain('perf-report: suite-app 1.1.0 vs 1.0.0');
    expect(compared.stdout).toContain(`report: ${join(dir, 'perf', 'suite-app.1.1.0-vs-1.0.0.pdf')}`);
    expect(existsSync(join(dir, 'perf', 'suite-app.1.1.0-vs-1.0.0.pdf'))).toBe(true);
    // @latest is 1.1.0; its default baseline is 1.0.0; reversed, the regressions are improvements.
    const reversed = await perfReport(['compare', '1.0.0', '@latest', '-o', 'perf', '--no-pdf', '--fail-on-regression'], dir);
    expect(reversed.stdout).toContain('perf-report: suite-app 1.0.0 vs 1.1.0');
    expect(reversed.stdout).toMatch(/1 regression, 5 improvements/);
  });

  it('says a gate that checked nothing, and fails it with --require-baseline (exit 2)', async () => {
    const dir = roundsProject();
    const alone = await perfReport([...base, '--fail-on-regression', '--require-baseline', '--summary-json', 'v.json'], dir);
    expect(alone.exitCode).toBe(2);
    expect(alone.stdout).toContain('gate: no baseline to compare with; nothing was checked (--require-baseline: exit 2)');
    // The run is stored all the same: it is the next run's baseline.
    expect(await new ProfileStorage(join(dir, 'perf', 'profiles.h5')).listVersions()).toEqual(['1.0.0']);
    expect(JSON.parse(readFileSync(join(dir, 'v.json'), 'utf8')).gate).toMatchObject({ outcome: 'nothing-checked', exitCode: 2 });

    // Statistics without rounds: one a side, nothing can be judged.
    copyFileSync(join(tracyFixtures, 'app.1.0.0.csv'), join(dir, 'app.1.0.0.csv'));
    copyFileSync(join(tracyFixtures, 'app.1.1.0.csv'), join(dir, 'app.1.1.0.csv'));
    await perfReport(['generate', '-i', 'app.1.0.0.csv', '-o', 'flat', '--version', '1.0.0'], dir);
    const flat = await perfReport(['generate', '-i', 'app.1.1.0.csv', '-o', 'flat', '--version', '1.1.0', '--fail-on-regression'], dir);
    expect(flat.exitCode).toBe(0);
    expect(flat.stdout).toContain('gate: no zone could be judged (1 vs 1 round a side); nothing was checked; --require-baseline makes this an error');
    expect((await perfReport(['compare', '1.1.0', '-o', 'flat', '--no-pdf', '--require-baseline'], dir)).exitCode).toBe(2);
  });
});

describe('bad input: one line, exit 2, nothing stored', () => {
  it('refuses a shard that is not i/n, a budgets file it cannot read, and a --baseline-ref git cannot resolve', async () => {
    const dir = roundsProject();
    const expectRefused = async (args: string[], line: string) => {
      const result = await perfReport(args, dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim().split('\n')).toEqual([`perf-report: ${line}`]);
      expect(existsSync(join(dir, 'perf', 'profiles.h5'))).toBe(false);
    };
    await expectRefused([...base, '--shard', '2'], '--shard is "2"; expected a shard as <index>/<count>, e.g. 2/4 (1 ≤ index ≤ count)');
    await expectRefused([...base, '--shard', '5/4'], '--shard is "5/4"; expected a shard as <index>/<count>, e.g. 2/4 (1 ≤ index ≤ count)');
    await expectRefused([...base, '--baseline-ref', 'main'], `${dir}: is not inside a git checkout (git rev-parse --show-toplevel failed)`);
    await expectRefused([...base, '--version', 'git'], `${dir}: is not a git checkout: version "git" names the checked-out commit; run in a checkout or give a version`);
    writeFileSync(join(dir, 'perf-report.config.json'), '{"budgets": {"parse": "fast"}}');
    await expectRefused([...base, '--fail-on-regression'], `${join(dir, 'perf-report.config.json')}: "budgets": the budget of "parse" is "fast"; expected a percent ≥ 0 or "ignore"`);

    // In a checkout with a history: a ref that names no commit leaves the history as it was.
    writeFileSync(join(dir, 'perf-report.config.json'), '{}');
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-q', '--allow-empty', '-m', 'start'], { cwd: dir });
    expect((await perfReport(base, dir)).exitCode).toBe(0);
    const before = readFileSync(join(dir, 'perf', 'profiles.h5'));
    const unknown = await perfReport([...head, '--baseline-ref', 'origin/nope'], dir);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.trim()).toBe(`perf-report: "origin/nope" names no commit in ${dir}`);
    expect(readFileSync(join(dir, 'perf', 'profiles.h5')).equals(before)).toBe(true);
  });

  it('merge refuses files that are not HDF5, a destination among the inputs, and a missing destination', async () => {
    const dir = roundsProject();
    expect((await perfReport(base, dir)).exitCode).toBe(0);
    writeFileSync(join(dir, 'other.h5'), 'text');
    const notHdf5 = await perfReport(['merge', 'perf', 'other.h5', '-o', 'merged'], dir);
    expect(notHdf5.exitCode).toBe(2);
    expect(notHdf5.stderr.trim()).toBe(`perf-report: ${join(dir, 'other.h5')}: is not an HDF5 file (no HDF5 signature)`);
    expect(existsSync(join(dir, 'merged', 'profiles.h5'))).toBe(false);
    const into = await perfReport(['merge', 'perf', '-o', 'perf'], dir);
    expect(into.exitCode).toBe(2);
    expect(into.stderr.trim()).toMatch(/^perf-report: .*perf\/profiles\.h5: is one of the inputs; write the merge to another file/);
    expect((await perfReport(['merge', 'perf'], dir)).stderr.trim()).toBe('perf-report: merge needs a destination: -o DIR or --h5 FILE');
    expect((await perfReport(['merge', 'perf', '-o', 'm', '--prefer', 'latest'], dir)).exitCode).toBe(2);

    const merged = await perfReport(['merge', 'perf', '--h5', 'all/history.h5'], dir);
    expect(merged.exitCode).toBe(0);
    expect(merged.stdout).toBe(`merged 1 history into ${join(dir, 'all', 'history.h5')}: 1 run`);
    const list = await perfReport(['list', '--h5', 'all/history.h5'], dir);
    expect(list.stdout).toMatch(/^1\.0\.0\s+linux-/m);
  });

  it('stores a shard apart and lists it as such', async () => {
    const dir = roundsProject();
    const shard = await perfReport([...base, '--shard', '2/3', '--fail-on-regression'], dir);
    expect(shard.exitCode).toBe(0);
    expect(shard.stdout).toContain('version 1.0.0 on linux-x64-node');
    expect(shard.stdout).toContain('(shard 2/3)');
    expect(shard.stdout).toContain('gate: shard 2/3 is a partial run, not compared');
    const runs = await new ProfileStorage(join(dir, 'perf', 'profiles.h5')).listRuns();
    expect(runs.map((run) => [run.platformKey.replace(/^.*#/, '#'), run.meta.shard])).toEqual([['#shard-2-of-3', '2/3']]);
    expect((await perfReport(['list'], dir)).stdout).toMatch(/\(shard 2\/3\)/);
  });
});
