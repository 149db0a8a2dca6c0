// Baselines chosen by git, in a real repository the test makes: main a → b → c, a branch off b.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineRun } from '../../src/pipeline/baseline-run.js';
import { askCheckout, commitVersion, gitFacts, resolveVersion } from '../../src/pipeline/git-info.js';
import { generate } from '../../src/pipeline/generate.js';
import { findStoredRun, LATEST, wholeRunsOf } from '../../src/pipeline/run-reference.js';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { tracyFixtures } from '../support/fixtures.js';
import { meta, profile, zone, zoneRun } from '../support/runs.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' } }).trim();
}

function commitFile(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', name]);
  return git(dir, ['rev-parse', 'HEAD']);
}

interface Repo {
  dir: string;
  a: string;
  b: string;
  c: string;
  side: string;
}

/** main: a → b → c; feature: b → side. Checked out: feature. */
function makeRepo(): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'perf-report-git-baseline-'));
  git(dir, ['init', '-q', '-b', 'main']);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.2.0' }));
  const a = commitFile(dir, 'a.txt', 'a');
  const b = commitFile(dir, 'b.txt', 'b');
  const c = commitFile(dir, 'c.txt', 'c');
  git(dir, ['checkout', '-q', '-b', 'feature', b]);
  const side = commitFile(dir, 'side.txt', 'side');
  return { dir, a, b, c, side };
}

/** Stores one tiny run per commit, with timestamps that would mislead a choice by time. */
async function storeRuns(repo: Repo): Promise<ProfileStorage> {
  const storage = new ProfileStorage(join(repo.dir, 'perf', 'profiles.h5'));
  const stamps: Array<[string, number]> = [
    [repo.a, 3000],
    [repo.b, 1000],
    [repo.c, 4000],
  ];
  for (const [commit, timestamp] of stamps) {
    const version = commitVersion('1.2.0', commit, false);
    await storage.save(zoneRun(meta(version, { gitCommit: commit, timestamp }), [profile('app', [zone('work')])]));
  }
  await storage.save(zoneRun(meta('1.1.0', { timestamp: 500 }), [profile('app', [zone('work')])]));
  return storage;
}

describe('git-aware baselines', () => {
  let repo: Repo;
  let storage: ProfileStorage;
  beforeAll(async () => {
    repo = makeRepo();
    storage = await storeRuns(repo);
  });
  afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

  it('takes the nearest stored ancestor by default, not the newest run or the last release', async () => {
    const current = meta(commitVersion('1.2.0', repo.side, false), { gitCommit: repo.side, timestamp: 5000 });
    const found = await baselineRun(storage, current, { cwd: repo.dir });
    // a and c were stored after b; c is not behind `side`, and b is nearer to it than a.
    expect(found.run?.version).toBe(`1.2.0+${repo.b.slice(0, 7)}`);
  });

  it('--baseline-ref: the nearest stored ancestor of the ref\'s merge-base with HEAD', async () => {
    const current = meta(commitVersion('1.2.0', repo.side, false), { gitCommit: repo.side, timestamp: 5000 });
    // HEAD is `side`; main's merge-base with it is b.
    expect((await baselineRun(storage, current, { cwd: repo.dir, ref: 'main' })).run?.version).toBe(`1.2.0+${repo.b.slice(0, 7)}`);
    // From main itself, the merge-base is c, whose run is the current one's own commit at another version.
    git(repo.dir, ['checkout', '-q', 'main']);
    try {
      const onMain = meta('1.2.0+next', { gitCommit: repo.c, timestamp: 5000 });
      expect((await baselineRun(storage, onMain, { cwd: repo.dir, ref: 'main' })).run?.version).toBe(`1.2.0+${repo.c.slice(0, 7)}`);
    } finally {
      git(repo.dir, ['checkout', '-q', 'feature']);
    }
  });

  it('says why there is no baseline when no stored run is behind the merge-base', async () => {
    const empty = new ProfileStorage(join(repo.dir, 'other', 'profiles.h5'));
    await empty.save(zoneRun(meta('1.2.0+cccc', { gitCommit: repo.c }), [profile('app', [zone('work')])]));
    const found = await baselineRun(empty, meta('1.2.0+side', { gitCommit: repo.side }), { cwd: repo.dir, ref: 'main' });
    expect(found.run).toBeUndefined();
    expect(found.note).toBe(`no stored run on linux-x64-node20 is of a commit at or before main's merge-base with HEAD (${repo.b.slice(0, 7)})`);
  });

  it('refuses a ref that names no commit, a directory outside a checkout, and a shallow clone without the merge-base', async () => {
    const current = meta('1.2.0+x', { gitCommit: repo.side });
    await expect(baselineRun(storage, current, { cwd: repo.dir, ref: 'no-such-branch' })).rejects.toThrow(`"no-such-branch" names no commit in ${repo.dir}`);
    const outside = tempDir();
    await expect(baselineRun(storage, current, { cwd: outside, ref: 'main' })).rejects.toThrow(`${outside}: is not inside a git checkout`);

    // A CI checkout: one commit of the branch, and main fetched one commit deep.
    const shallow = join(tempDir(), 'clone');
    git(repo.dir, ['checkout', '-q', 'feature']);
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, shallow]);
    git(shallow, ['fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main']);
    await expect(baselineRun(storage, current, { cwd: shallow, ref: 'origin/main' })).rejects.toThrow(
      'origin/main and HEAD have no merge-base in this shallow clone: fetch more history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)',
    );
  });

  it('names runs by version, by +sha and as @latest (the run of the commit nearest to HEAD among the newest release)', async () => {
    const runs = await wholeRunsOf(storage, 'linux-x64-node20');
    const options = { platformId: 'linux-x64-node20', cwd: repo.dir };
    expect((await findStoredRun(storage, runs, '1.1.0', options)).meta.version).toBe('1.1.0');
    expect((await findStoredRun(storage, runs, `+${repo.a.slice(0, 10)}`, options)).meta.gitCommit).toBe(repo.a);
    // HEAD is `side`: of the 1.2.0 runs, b is behind it; c (stored last) is not.
    expect((await findStoredRun(storage, runs, LATEST, options)).meta.gitCommit).toBe(repo.b);
    await expect(findStoredRun(storage, runs, '+abcdef0', options)).rejects.toThrow(/no run \+abcdef0 on platform linux-x64-node20 \(stored: /);
  });

  it('expands version "git" to <package version>+<short sha>, .dirty for a changed tree, and records the branch', async () => {
    const dir = tempDir();
    git(dir, ['init', '-q', '-b', 'trunk']);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '2.0.0' }));
    const sha = commitFile(dir, 'x.txt', 'x');
    const clean = await resolveVersion('git', dir, '2.0.0');
    expect(clean.version).toBe(`2.0.0+${sha.slice(0, 7)}`);
    expect(clean.git).toMatchObject({ commit: sha, dirty: false });
    writeFileSync(join(dir, 'x.txt'), 'changed');
    expect((await resolveVersion('git', dir, '2.0.0')).version).toBe(`2.0.0+${sha.slice(0, 7)}.dirty`);
    expect(commitVersion('2.0.0+build.5', sha, false)).toBe(`2.0.0+build.5.${sha.slice(0, 7)}`);
    await expect(resolveVersion('git', tempDir(), '2.0.0')).rejects.toThrow('is not a git checkout: version "git" names the checked-out commit');
    // A version given as it is stays so; the facts are recorded either way.
    const given = await resolveVersion('2.0.1', dir, '2.0.0');
    expect(given.version).toBe('2.0.1');
    expect(await gitFacts(dir, {})).toMatchObject({ commit: sha, branch: 'trunk', dirty: true });
    // In CI the job names the branch: a pull request's first, else the ref's.
    expect((await gitFacts(dir, { GITHUB_HEAD_REF: 'pr-branch', GITHUB_REF_NAME: '12/merge' })).branch).toBe('pr-branch');
    expect((await gitFacts(dir, { GITHUB_REF_NAME: 'release' })).branch).toBe('release');
  });

  it('records the checkout as git described it while the tests ran, also when it has changed by the time the run is stored', async () => {
    const ran = makeRepo();
    await storeRuns(ran);
    // A perf run asks at its first test: HEAD is `side` (feature), the tree clean.
    const asked = askCheckout(ran.dir, true);
    await asked.facts;
    await asked.ancestry;
    // Then the checkout moves on: a rewritten `side` whose old commit git no longer has, and a dirty tree.
    writeFileSync(join(ran.dir, 'side.txt'), 'amended');
    git(ran.dir, ['commit', '-q', '-a', '--amend', '-m', 'side, amended']);
    git(ran.dir, ['reflog', 'expire', '--expire=now', '--all']);
    git(ran.dir, ['gc', '-q', '--prune=now']);
    writeFileSync(join(ran.dir, 'side.txt'), 'edited');
    const store = (checkout?: ReturnType<typeof askCheckout>) =>
      generate({ input: join(tracyFixtures, 'app.1.0.0.csv'), outDir: join(ran.dir, 'perf'), version: 'git', cwd: ran.dir, h5: false, pdf: false, html: false, ...(checkout ? { checkout } : {}) });

    const asAsked = await store(asked);
    expect(asAsked.meta).toMatchObject({ version: `1.2.0+${ran.side.slice(0, 7)}`, gitCommit: ran.side, gitBranch: 'feature', gitDirty: false });
    // The ancestry asked then still finds b, the nearest stored ancestor of the commit the tests ran.
    expect(asAsked.comparison.kind === 'zones' && asAsked.comparison.baselineVersion).toBe(`1.2.0+${ran.b.slice(0, 7)}`);

    const asNow = await store();
    expect(asNow.meta).toMatchObject({ gitBranch: 'feature', gitDirty: true });
    expect(asNow.meta.gitCommit).not.toBe(ran.side);
    rmSync(ran.dir, { recursive: true, force: true });
  });
});
