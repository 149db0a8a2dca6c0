import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { REPO, buildOnce } from '../support/build.js';
import { cliPath } from '../support/fixtures.js';
import { removeTempDirs, tempDir } from '../support/fixture-run.js';

/**
 * `perf-report ab` end to end in a fresh git repository made here: the sample app at one
 * commit, its base in a temporary worktree, rounds alternated, both runs stored and compared.
 */

let project: string;
let commit: string;

beforeAll(() => {
  buildOnce();
  project = tempDir('ab-project');
  const app = join(REPO, 'fixtures/sample-app');
  for (const entry of ['src', 'test', 'package.json', 'vitest.config.ts']) cpSync(join(app, entry), join(project, entry), { recursive: true });
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(REPO, join(project, 'node_modules/perf-report'), 'dir');
  symlinkSync(join(REPO, 'node_modules/vitest'), join(project, 'node_modules/vitest'), 'dir');
  writeFileSync(join(project, '.gitignore'), 'node_modules/\nperf/\n');
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'sample app']);
  commit = git(['rev-parse', '--short=7', 'HEAD']).trim();
});

afterAll(() => {
  removeTempDirs();
});

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: project, encoding: 'utf8' });
}

function worktrees(): number {
  return git(['worktree', 'list', '--porcelain']).split('\n').filter((line) => line.startsWith('worktree ')).length;
}

function cleanEnv(): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PERF_') && !key.startsWith('VITEST'))), PERF_BACKEND: 'embedded' };
}

function perfReport(args: string[]) {
  return execa(process.execPath, [cliPath, ...args], { cwd: project, reject: false, env: cleanEnv(), extendEnv: false, timeout: 300_000 });
}

describe('perf-report ab', () => {
  it('--base HEAD on a clean tree is an A/A run: both sides stored under their own versions and compared', async () => {
    const result = await perfReport(['ab', '--base', 'HEAD', '--perf-rounds', '2', '-o', 'perf', '--summary-json', 'verdict.json']);
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stderr).toContain(`perf-report: base HEAD (${commit}) in a temporary worktree`);
    expect(result.stderr).toMatch(/perf-report: round 2 of 2 \([\d.]+ s base, [\d.]+ s head\)/);
    expect(result.stdout).toContain(`perf-report: sample-app 1.0.0+${commit}.ab vs 1.0.0+${commit}`);

    const verdict = JSON.parse(readFileSync(join(project, 'verdict.json'), 'utf8'));
    expect(verdict).toMatchObject({ currentVersion: `1.0.0+${commit}.ab`, baselineVersion: `1.0.0+${commit}` });
    expect(verdict.noise.rounds).toEqual({ current: 2, baseline: 2 });
    const runs = await new ProfileStorage(join(project, 'perf', 'profiles.h5')).listRuns();
    expect(runs.map((run) => [run.meta.version, run.meta.rounds]).sort()).toEqual([
      [`1.0.0+${commit}`, 2],
      [`1.0.0+${commit}.ab`, 2],
    ]);
    expect(runs.every((run) => run.meta.gitCommit?.startsWith(commit))).toBe(true);
    expect(worktrees()).toBe(1);
  });

  it('removes its worktree when interrupted', async () => {
    const child = spawn(process.execPath, [cliPath, 'ab', '--base', 'HEAD', '--perf-rounds', '6', '-o', 'perf-interrupted'], { cwd: project, env: cleanEnv() });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('round 1 of 6')) resolve();
      });
      child.once('exit', () => resolve());
    });
    expect(worktrees()).toBe(2);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(worktrees()).toBe(1);
  });

  it('refuses a base that names no commit, and a directory that is not a git checkout, in one line', async () => {
    const missing = await perfReport(['ab', '--base', 'no-such-branch']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.trim()).toBe(`perf-report: "no-such-branch" names no commit in ${project}`);
    const elsewhere = tempDir('ab-no-git');
    writeFileSync(join(elsewhere, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    const outside = await execa(process.execPath, [cliPath, 'ab', '--base', 'HEAD'], { cwd: elsewhere, reject: false, env: cleanEnv(), extendEnv: false });
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toMatch(/is not inside a git checkout/);
  });
});
