import { join } from 'node:path';
import { inputError } from '../errors.js';
import { currentBranch, git, isDirty } from '../git/git.js';
import { ancestorOrder } from '../git/history.js';

/** The version a user asks for to store each commit's run apart: `--version git`, `PERF_VERSION=git`. */
export const GIT_VERSION = 'git';

/** What a stored run records about the checkout it was made in. */
export interface GitFacts {
  commit?: string;
  branch?: string;
  dirty?: boolean;
}

/**
 * The commit, branch and dirtiness of the checkout holding `dir`; nothing outside a checkout.
 * CI checks out a detached HEAD (a pull request's merge commit), so the job's own variables name
 * the branch there: GITHUB_HEAD_REF (the pull request's branch), then GITHUB_REF_NAME.
 */
export async function gitFacts(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<GitFacts> {
  const head = await git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  const commit = head.ok ? head.stdout.trim() : '';
  if (!commit) return {};
  const branch = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || (await currentBranch(dir));
  return { commit, ...(branch ? { branch } : {}), dirty: await isDirty(dir) };
}

/**
 * A checkout's facts asked of git ahead of the step that stores the run: a perf run asks once
 * its first test runs, so the step after the last test does not wait on git's processes. They
 * are the facts of the checkout the tests ran in, not of what a test may have changed since.
 */
export interface CheckoutAnswers {
  facts: Promise<GitFacts>;
  /** The ancestry (ancestorOrder) of the commit `facts` names; asked only where a stored history may need it. */
  ancestry?: Promise<Map<string, number> | undefined>;
}

/** Starts asking git about the checkout holding `dir`; `withAncestry` also walks the commit's history. */
export function askCheckout(dir: string, withAncestry: boolean): CheckoutAnswers {
  const facts = gitFacts(dir);
  const ancestry = withAncestry ? facts.then((found) => (found.commit ? ancestorOrder(dir, found.commit) : undefined)) : undefined;
  // Awaited where they are used; until then a failure must not be an unhandled rejection.
  for (const answer of [facts, ancestry]) answer?.catch(() => undefined);
  return { facts, ...(ancestry ? { ancestry } : {}) };
}

/**
 * `<package version>+<short sha>`, with `.dirty` when the tree had uncommitted changes: the
 * version that keeps each commit's run apart in the history. Semver ignores build metadata
 * for precedence, so such runs are ordered by commit ancestry (see `baseline-run.ts`). A
 * version that already has build metadata gets the sha appended to it (semver allows one `+`).
 */
export function commitVersion(packageVersion: string, commit: string, dirty: boolean): string {
  const build = `${commit.slice(0, 7)}${dirty ? '.dirty' : ''}`;
  return packageVersion.includes('+') ? `${packageVersion}.${build}` : `${packageVersion}+${build}`;
}

/**
 * The version to store a run under: `requested` as given, or, for `git`, the project's
 * version with the checked-out commit. The one place `git` is expanded, for `generate` and
 * for a perf run of a test runner alike.
 */
export async function resolveVersion(
  requested: string,
  projectRoot: string,
  packageVersion: string | undefined,
  asked?: Promise<GitFacts>,
): Promise<{ version: string; git: GitFacts }> {
  const facts = await (asked ?? gitFacts(projectRoot));
  if (requested !== GIT_VERSION) return { version: requested, git: facts };
  if (!facts.commit) throw inputError(projectRoot, 'is not a git checkout: version "git" names the checked-out commit; run in a checkout or give a version');
  if (!packageVersion) throw inputError(join(projectRoot, 'package.json'), 'has no "version" for version "git" (<package version>+<short sha>)');
  return { version: commitVersion(packageVersion, facts.commit, facts.dirty === true), git: facts };
}
