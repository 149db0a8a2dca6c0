import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { validVersion } from '../model/keys.js';
import { pdfFileName } from '../pipeline/output-names.js';
import { checkLimits } from '../pipeline/preflight.js';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { execa } from 'execa';
import type { RunnerName } from '../collect/tracy-bridge.js';
import { inputError, workError } from '../errors.js';
import { addWorktree, checkoutRoot, commitOf, isDirty, removeWorktree } from '../git/git.js';
import type { GenerateResult } from '../pipeline/generate.js';
import { readConfigBudgets } from '../pipeline/budgets.js';
import { commitVersion } from '../pipeline/git-info.js';
import { findProject } from '../pipeline/project-info.js';
import { saveRounds } from './round-output.js';
import { runRound, type RoundCommand } from './round-runner.js';
import { detectRunner, runnerCommand } from './runner-command.js';
import type { RoundOutcome } from './round-output.js';

export interface AbRequest {
  /** The measured project, in the working tree (the head side). */
  cwd: string;
  /** The git ref of the base side. */
  base: string;
  /** Rounds of each side. */
  rounds: number;
  runner?: RunnerName;
  /** Arguments for the runner, the same on both sides. */
  runnerArgs: readonly string[];
  outDir: string;
  threshold?: number;
  alpha?: number;
  pdfName?: string;
  /** Also write the machine-readable verdict to this file. */
  summaryJson?: string;
  /** Also write the Markdown summary to this file (and append it to $GITHUB_STEP_SUMMARY). */
  summaryMd?: string;
  /** The regression gate on the head's comparison (its result is `head.gate`). */
  failOnRegression?: boolean;
  requireBaseline?: boolean;
  /** Write the HTML report beside the PDF (default true). */
  html?: boolean;
  log: (line: string) => void;
}

export interface AbResult {
  baseVersion: string;
  headVersion: string;
  base: GenerateResult;
  head: GenerateResult;
  /** Wall time of every round of each side, ms, in the order they ran. */
  roundWallMs: { base: number[]; head: number[] };
}

/** One side of the comparison: a directory holding the project at one commit. */
interface Side {
  label: 'base' | 'head';
  projectDir: string;
  version: string;
  command: RoundCommand;
  directory: string;
  rounds: RoundOutcome[];
  wallMs: number[];
}

/**
 * Same-machine A/B: the suite of `base` (a temporary git worktree) and of the working tree run
 * alternately, round by round, each round in fresh processes, so whatever the machine does
 * meanwhile (another job, a frequency change) falls on both sides alike. Rounds alternate in
 * pairs that swap their order (base-head, head-base, …) so that a steady drift does not
 * favour one side either. Both runs are stored under versions naming their commits
 * (`<package version>+<short sha>`) and the head is compared with the base.
 *
 * The worktree is removed at the end, on failure and on Ctrl-C.
 */
export async function runAb(request: AbRequest): Promise<AbResult> {
  const headProject = findProject(resolve(request.cwd)).root;
  const root = await checkoutRoot(headProject);
  const baseCommit = await commitOf(headProject, request.base);
  const headCommit = await commitOf(headProject, 'HEAD');
  const dirty = await isDirty(headProject);
  const runner = request.runner ?? detectRunner(headProject);
  // A budgets file the gate cannot read is found now, not after every round has run.
  if (request.failOnRegression || request.requireBaseline) readConfigBudgets(headProject);
  // So are bad limits and a bad PDF name: found before any round runs or anything is stored.
  checkLimits(request);
  if (request.pdfName !== undefined) pdfFileName(request.pdfName, '--pdf-name');
  const scratch = await mkdtemp(join(tmpdir(), 'perf-report-ab-'));
  const worktree = join(scratch, 'base');
  const cleanup = async (): Promise<void> => {
    await removeWorktree(root, worktree);
    await rm(scratch, { recursive: true, force: true });
  };
  const stopping = new AbortController();
  const onSignal = (): void => {
    stopping.abort();
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    request.log(`perf-report: base ${request.base} (${baseCommit.slice(0, 7)}) in a temporary worktree`);
    await addWorktree(root, worktree, baseCommit);
    const baseProject = join(worktree, relative(root, headProject));
    if (!existsSync(join(baseProject, 'package.json'))) {
      throw inputError(undefined, `${request.base} has no ${relative(root, join(headProject, 'package.json')) || 'package.json'}: the project does not exist at that commit`);
    }
    await provideDependencies(root, headProject, worktree, baseProject, request.log);

    const headVersionBase = commitVersion(packageVersion(headProject), headCommit, dirty);
    const baseVersion = commitVersion(packageVersion(baseProject), baseCommit, false);
    // A/A of one commit: both sides need their own version in the history.
    const headVersion = headVersionBase === baseVersion ? `${headVersionBase}.ab` : headVersionBase;
    const side = async (label: Side['label'], projectDir: string, version: string, directory: string): Promise<Side> => {
      const { command, args, cwd, env } = await runnerCommand(runner, projectDir, request.runnerArgs);
      return { label, projectDir, version, command: { command, args, cwd, env: { ...process.env, ...env } }, directory, rounds: [], wallMs: [] };
    };
    const base = await side('base', baseProject, baseVersion, join(scratch, 'base-rounds'));
    const head = await side('head', headProject, headVersion, join(scratch, 'head-rounds'));
    await mkdir(base.directory, { recursive: true });
    await mkdir(head.directory, { recursive: true });

    for (let round = 1; round <= request.rounds; round++) {
      const order = round % 2 === 1 ? [base, head] : [head, base];
      for (const current of order) {
        const run = await runRound(current.command, round, current.directory, stopping.signal);
        current.wallMs.push(run.wallMs);
        if (!run.outcome) throw workError(current.projectDir, `${current.label} ${run.problem}`);
        current.rounds.push(run.outcome);
      }
      request.log(`perf-report: round ${round} of ${request.rounds} (${(base.wallMs.at(-1)! / 1000).toFixed(1)} s base, ${(head.wallMs.at(-1)! / 1000).toFixed(1)} s head)`);
    }

    const { generate } = await import('../pipeline/generate.js');
    const name = findProject(headProject).name ?? 'project';
    const store = async (current: Side, baseline: string | undefined): Promise<GenerateResult> => {
      const saved = await saveRounds(request.outDir, name, current.version, current.rounds);
      return generate({
        input: saved.input,
        outDir: request.outDir,
        version: current.version,
        name,
        recordedBackend: 'embedded',
        rounds: current.rounds.length,
        cwd: current.projectDir,
        ...(baseline ? { baseline, html: request.html !== false } : { compare: false, pdf: false, html: false }),
        ...(baseline && request.pdfName ? { pdfName: request.pdfName } : {}),
        ...(baseline && request.summaryJson ? { summaryJson: request.summaryJson } : {}),
        ...(baseline && request.summaryMd ? { summaryMd: request.summaryMd } : {}),
        ...(baseline && request.failOnRegression ? { failOnRegression: true } : {}),
        ...(baseline && request.requireBaseline ? { requireBaseline: true } : {}),
        // The base's worktree is a detached HEAD: its branch is the ref it was asked for.
        ...(baseline ? {} : { gitBranch: request.base }),
        ...(request.threshold === undefined ? {} : { threshold: request.threshold }),
        ...(request.alpha === undefined ? {} : { alpha: request.alpha }),
      });
    };
    const baseResult = await store(base, undefined);
    const headResult = await store(head, baseVersion);
    return { baseVersion, headVersion, base: baseResult, head: headResult, roundWallMs: { base: base.wallMs, head: head.wallMs } };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock'];

/**
 * The base side needs its dependencies. When every lockfile (at the checkout root and in the
 * project) is the same on both sides, the installed `node_modules` are linked in, which
 * costs nothing; otherwise the base is installed with `npm ci`.
 */
async function provideDependencies(root: string, headProject: string, worktree: string, baseProject: string, log: (line: string) => void): Promise<void> {
  const dirs = [...new Set([root, headProject])];
  const sameLockfiles = dirs.every((dir) =>
    LOCKFILES.every((lockfile) => {
      const head = join(dir, lockfile);
      const base = join(worktree, relative(root, dir), lockfile);
      if (!existsSync(head) && !existsSync(base)) return true;
      return existsSync(head) && existsSync(base) && readFileSync(head).equals(readFileSync(base));
    }),
  );
  if (sameLockfiles) {
    for (const dir of dirs) {
      const modules = join(dir, 'node_modules');
      const target = join(worktree, relative(root, dir), 'node_modules');
      if (existsSync(modules) && !existsSync(target)) symlinkSync(modules, target, 'dir');
    }
    return;
  }
  if (!existsSync(join(baseProject, 'package-lock.json'))) {
    throw inputError(baseProject, 'the base commit has other dependencies than the working tree and no package-lock.json to install them from with npm ci');
  }
  log('perf-report: the base commit has other dependencies; installing them with npm ci');
  const result = await execa('npm', ['ci', '--no-audit', '--no-fund'], { cwd: baseProject, reject: false });
  if (result.exitCode !== 0) throw workError(baseProject, `npm ci failed: ${String(result.stderr).trim().split('\n').at(-1) ?? ''}`);
}

function packageVersion(projectDir: string): string {
  const version = findProject(projectDir).version;
  if (!version) throw inputError(join(projectDir, 'package.json'), 'has no "version"');
  return validVersion(version, join(projectDir, 'package.json'));
}
