// perf-report in CI, end to end: the real vitest on a generated project in a git repository the
// test makes (bench/support/verdict-suite.mjs), history keyed by commit, a pull-request-like
// branch gated against main, the sharded suite merged and set beside the unsharded one.
// Nothing hinges on timing noise: the real runs have one round a side, which the gate reports as
// judging nothing, and the confirmed regressions come from the rounds recorded on this suite.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerdictProject, git, writeScale } from '../../bench/support/verdict-suite.mjs';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { cliPath, repoRoot, roundsFixtures } from '../support/fixtures.js';
import { runIn } from '../support/fixture-run.js';
import { asZoneRun } from '../support/runs.js';

let project: string;
let stepSummary: string;
const commits: string[] = [];

/** A CI job's environment without the outer job's GitHub variables, with a step summary of our own. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const cleared = Object.fromEntries(Object.keys(process.env).filter((key) => key.startsWith('GITHUB_')).map((key) => [key, '']));
  return { ...cleared, GITHUB_STEP_SUMMARY: stepSummary, NO_COLOR: '1', ...extra };
}

function perfReport(args: string[], extra: NodeJS.ProcessEnv = {}) {
  return runIn(project, [cliPath, ...args], env(extra));
}

function commit(message: string): string {
  git(project, ['add', '-A']);
  git(project, ['-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', 'commit', '-q', '-m', message]);
  const sha = git(project, ['rev-parse', 'HEAD']).trim();
  commits.push(sha);
  return sha;
}

const short = (sha: string) => sha.slice(0, 7);

beforeAll(() => {
  project = createVerdictProject();
  stepSummary = join(project, 'step-summary.md');
  // The gate's budgets: the per-file collect zones measure Vite's transform, not the code under test.
  writeFileSync(join(project, 'perf-report.config.json'), JSON.stringify({ budgets: { 'collect **': 'ignore' } }));
  writeFileSync(join(project, '.gitignore'), 'node_modules/\nperf*/\nshard*/\nwhole/\nmerged/\nstep-summary.md\n');
  commit('budgets');
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('perf-report in CI, on a real vitest project in a git repository', () => {
  it('keys the history by commit, compares a pull-request branch with main by git, and says when the gate could judge nothing', { timeout: 600_000 }, async () => {
    // main, first commit: nothing to compare with; the gate says so and passes.
    const first = perfReport(['vitest', '--perf-version', 'git', '--perf-output', 'perf', '--fail-on-regression', '--summary-md', 'perf/summary.md']);
    expect(first.output).toContain('gate: no baseline to compare with; nothing was checked; --require-baseline makes this an error');
    expect(first.status).toBe(0);

    // main, second commit: compared with the first, found by ancestry. One round a side judges nothing, and the gate says so.
    writeFileSync(join(project, 'NOTES.md'), 'release notes\n');
    const second = commit('notes');
    const next = perfReport(['vitest', '--perf-version', 'git', '--perf-output', 'perf', '--fail-on-regression', '--summary-md', 'perf/summary.md']);
    expect(next.output).toContain(`verdict-suite 1.0.0+${short(second)} vs 1.0.0+${short(commits[0] as string)}`);
    expect(next.output).toContain('gate: no zone could be judged (1 vs 1 round a side); nothing was checked; --require-baseline makes this an error');
    expect(next.status).toBe(0);

    // A pull request: a branch off main with a ×30 slowdown, compared with main's merge-base; with
    // --require-baseline a gate that judged nothing fails (exit 2) instead of passing.
    git(project, ['checkout', '-q', '-b', 'feature']);
    writeScale(project, { hash: 30 });
    const slow = commit('slower hash');
    const gated = perfReport(
      ['vitest', '--perf-version', 'git', '--perf-output', 'perf', '--baseline-ref', 'main', '--fail-on-regression', '--require-baseline', '--summary-md', 'perf/summary.md', '--summary-json', 'perf/summary.json'],
      { GITHUB_HEAD_REF: 'pr-7-slower-hash' },
    );
    expect(gated.output).toContain(`verdict-suite 1.0.0+${short(slow)} vs 1.0.0+${short(second)}`);
    expect(gated.output).toContain('gate: no zone could be judged (1 vs 1 round a side); nothing was checked (--require-baseline: exit 2)');
    expect(gated.status).toBe(2);

    // Every commit kept its own run, with where it came from.
    const runs = await new ProfileStorage(join(project, 'perf', 'profiles.h5')).listRuns();
    expect(runs.map((run) => run.meta.version).sort()).toEqual([commits[0] as string, second, slow].map((sha) => `1.0.0+${short(sha)}`).sort());
    const pr = runs.find((run) => run.meta.version === `1.0.0+${short(slow)}`)!;
    expect(pr.meta).toMatchObject({ gitCommit: slow, gitBranch: 'pr-7-slower-hash', gitDirty: false, rounds: 1 });
    expect(runs.find((run) => run.meta.version === `1.0.0+${short(second)}`)!.meta).toMatchObject({ gitCommit: second, gitBranch: 'main' });

    // The summaries were written although the gate failed, and say the same.
    const markdown = readFileSync(join(project, 'perf', 'summary.md'), 'utf8');
    expect(markdown).toContain(`### perf-report: verdict-suite 1.0.0+${short(slow)} vs 1.0.0+${short(second)}`);
    expect(markdown).toContain('**Gate checked nothing** (exit 2)');
    expect(markdown).toContain('Not judged: 1 vs 1 round cannot confirm a change');
    const verdict = JSON.parse(readFileSync(join(project, 'perf', 'summary.json'), 'utf8'));
    expect(verdict).toMatchObject({ currentVersion: `1.0.0+${short(slow)}`, baselineVersion: `1.0.0+${short(second)}`, gate: { outcome: 'nothing-checked', exitCode: 2 } });
    // The slowdown is there, measured, though one round a side cannot confirm it.
    const hash = verdict.zones.find((zone: { name: string }) => zone.name === 'fnv hash');
    expect(hash).toMatchObject({ verdict: 'unjudged', srcFile: 'src/work.js' });
    expect(hash.deltaPercent).toBeGreaterThan(400);
    // Three runs appended three summaries to the job's step summary, in order.
    const page = readFileSync(stepSummary, 'utf8');
    const sections = page.split(/^### perf-report: /m).slice(1);
    expect(sections).toHaveLength(3);
    expect(sections[0]).toContain('No baseline: nothing compared');
    expect(sections[1]).toMatch(/^verdict-suite 1\.0\.0\+\w+ vs [^\n]+\n\n\*\*Gate checked nothing\*\* \(exit 0\)/);
    expect(sections[2]).toBe(`${markdown.replace(/^### perf-report: /, '')}\n`);
  });

  it('fails the gate (exit 3) on a confirmed slowdown of a pull-request branch and passes unchanged code, from recorded rounds', { timeout: 300_000 }, async () => {
    // The rounds fixtures were recorded on this very suite, 10 rounds a side, three zones changed on purpose.
    const recorded = (version: string) => {
      mkdirSync(join(project, 'recorded'), { recursive: true });
      copyFileSync(join(roundsFixtures, `suite.${version}.csv`), join(project, 'recorded', 'suite.csv'));
      copyFileSync(join(roundsFixtures, `suite.${version}.rounds.csv`), join(project, 'recorded', 'suite.rounds.csv'));
    };
    const generate = (extra: string[]) => perfReport(['generate', '-i', 'recorded/suite.csv', '-o', 'perf-recorded', '--version', 'git', ...extra]);
    git(project, ['checkout', '-q', 'main']);
    recorded('1.0.0');
    const base = commit('recorded base');
    expect(generate([]).status).toBe(0);

    git(project, ['checkout', '-q', '-b', 'feature-recorded']);
    recorded('1.1.0');
    const head = commit('recorded head');
    const failed = generate(['--baseline-ref', 'main', '--fail-on-regression', '--summary-md', 'perf-recorded/summary.md']);
    expect(failed.output).toContain(`vs 1.0.0+${short(base)}`);
    expect(failed.output).toMatch(/gate: failed: 5 confirmed regressions over budget among \d+ judged zones, \d+ ignored by the budgets: .*sort numbers \+228% \(limit 5%\)/);
    expect(failed.status).toBe(3);
    expect(readFileSync(join(project, 'perf-recorded', 'summary.md'), 'utf8')).toMatch(/\| \+228% \| sort numbers \| suite \| `src\/work\.js:9` \| 55\.7 µs → 196 µs \| < 0\.001 \| 50% \|/);

    // The stored runs compared again, named by commit: the same verdict, the same exit code.
    const compared = perfReport(['compare', `+${head}`, `+${short(base)}`, '-o', 'perf-recorded', '--fail-on-regression', '--no-pdf']);
    expect(compared.output).toContain(`verdict-suite 1.0.0+${short(head)} vs 1.0.0+${short(base)}`);
    expect(compared.status).toBe(3);

    // The change reverted: unchanged code passes the gate.
    recorded('1.0.0');
    const reverted = commit('revert');
    const passed = generate(['--baseline-ref', 'main', '--fail-on-regression', '--require-baseline']);
    expect(passed.output).toContain(`verdict-suite 1.0.0+${short(reverted)} vs 1.0.0+${short(base)}`);
    expect(passed.output).toMatch(/gate: passed: no confirmed regression over budget among \d+ judged zones/);
    expect(passed.status).toBe(0);
  });

  it('exits 3 from the vitest run itself when its gate finds a confirmed regression', { timeout: 300_000 }, async () => {
    // A baseline the code cannot match: this suite's own zones, 100× faster, in 10 rounds.
    expect(perfReport(['vitest', '--perf-version', '0.0.1', '--perf-output', 'perf-gate']).status).toBe(0);
    const storage = new ProfileStorage(join(project, 'perf-gate', 'profiles.h5'));
    const measured = asZoneRun(await storage.loadRun('0.0.1', (await storage.listRuns())[0]!.meta.platformId));
    const faster = measured.profiles.map((profile) => ({
      ...profile,
      records: profile.records.map((zone) => ({
        ...zone,
        rounds: Array.from({ length: 10 }, (_, i) => ({ ...(zone.rounds?.[0] as NonNullable<typeof zone.rounds>[number]), round: i + 1, medianNs: ((zone.rounds?.[0]?.medianNs ?? 0) / 100) * (1 + i / 100) })),
      })),
    }));
    await storage.save({ ...measured, version: '0.9.0', meta: { ...measured.meta, version: '0.9.0', rounds: 10 }, profiles: faster });

    const gated = perfReport(['vitest', '--perf-output', 'perf-gate', '--fail-on-regression']);
    expect(gated.output).toContain('verdict-suite 1.0.0 vs 0.9.0');
    expect(gated.output).toMatch(/gate: failed: \d+ confirmed regressions over budget among \d+ judged zones/);
    expect(gated.status).toBe(3);
    // Without the switch the same comparison leaves the exit code alone.
    expect(perfReport(['vitest', '--perf-output', 'perf-gate']).status).toBe(0);
  });

  it('gates perf-report ab, and says when one round a side judged nothing (exit 2 with --require-baseline)', { timeout: 300_000 }, () => {
    const ab = perfReport(['ab', '--base', 'main', '--perf-rounds', '1', '-o', 'perf-ab', '--fail-on-regression', '--require-baseline', '--summary-md', 'perf-ab/summary.md']);
    expect(ab.output).toMatch(/gate: no zone could be judged \(1 vs 1 round a side\); nothing was checked \(--require-baseline: exit 2\)/);
    expect(ab.status).toBe(2);
    expect(readFileSync(join(project, 'perf-ab', 'summary.md'), 'utf8')).toContain('**Gate checked nothing** (exit 2)');
  });

  it('merges a 2-shard run into the run the unsharded suite stores: the same zones, the same counts', { timeout: 600_000 }, async () => {
    for (const index of [1, 2]) {
      const shard = perfReport(['vitest', `--shard=${index}/2`, '--perf-version', 'git', '--perf-output', `shard${index}`, '--fail-on-regression']);
      expect(shard.output).toContain(`gate: shard ${index}/2 is a partial run, not compared`);
      expect(shard.status).toBe(0);
    }
    expect(perfReport(['vitest', '--perf-version', 'git', '--perf-output', 'whole']).status).toBe(0);

    const merged = perfReport(['merge', 'shard1', 'shard2/profiles.h5', '-o', 'merged']);
    expect(merged.output).toContain('2 shards merged into one run');
    expect(merged.status).toBe(0);

    const version = `1.0.0+${short(commits.at(-1) as string)}`;
    const platform = (await new ProfileStorage(join(project, 'whole', 'profiles.h5')).listRuns())[0]!.meta.platformId;
    const whole = asZoneRun(await new ProfileStorage(join(project, 'whole', 'profiles.h5')).loadRun(version, platform));
    const fromShards = asZoneRun(await new ProfileStorage(join(project, 'merged', 'profiles.h5')).loadRun(version, platform));
    const countsOf = (run: typeof whole) => new Map(run.profiles.flatMap((profile) => profile.records.map((zone) => [`${profile.name}|${zone.name}|${zone.srcFile}:${zone.srcLine}`, zone.counts] as const)));
    const expected = countsOf(whole);
    expect(expected.size).toBeGreaterThan(80);
    expect(countsOf(fromShards)).toEqual(expected);
    expect(fromShards.meta.shard).toBeUndefined();
    expect(fromShards.meta.extra.merged_shards).toBe(2);

    // The original tool's readers (h5py) read the merged file.
    const read = spawnSync('/usr/bin/python3', [join(repoRoot, 'test/support/read_profiles.py'), join(project, 'merged', 'profiles.h5')], { encoding: 'utf8' });
    expect(read.status, read.stderr).toBe(0);
    const byH5py = JSON.parse(read.stdout) as Record<string, { profiles: Record<string, { rows: Array<{ counts: number }> }> }>;
    const rows = Object.values(byH5py[`${version}/${platform}`]!.profiles).flatMap((profile) => profile.rows);
    expect(rows).toHaveLength(expected.size);
    expect(rows.reduce((sum, row) => sum + row.counts, 0)).toBe([...expected.values()].reduce((sum, count) => sum + count, 0));

    // Merging the shards into the unsharded run's history is a conflict: refused, and nothing changes.
    const before = readFileSync(join(project, 'whole', 'profiles.h5'));
    const conflict = perfReport(['merge', 'shard1', 'shard2', '-o', 'whole']);
    expect(conflict.output).toMatch(new RegExp(`version 1\\.0\\.0\\+${short(commits.at(-1) as string)} on ${platform} is stored 2 times with different content .*; pass --prefer newer or --prefer older to keep one; nothing was written`));
    expect(conflict.status).toBe(2);
    expect(readFileSync(join(project, 'whole', 'profiles.h5')).equals(before)).toBe(true);
    // The shards ran before the whole suite: the older run is theirs.
    expect(perfReport(['merge', 'shard1', 'shard2', '-o', 'whole', '--prefer', 'older']).status).toBe(0);
    const kept = await new ProfileStorage(join(project, 'whole', 'profiles.h5')).loadMeta(version, platform);
    expect(kept.extra.merged_shards).toBe(2);
  });
});

