import { execFile } from 'node:child_process';
import { inputError, messageOf, workError } from '../errors.js';

/**
 * The few git questions perf-report asks, through the `git` command (argv, no shell). A
 * directory that is not a checkout, or a machine without git, is told apart from a git
 * command that failed, so each gets its own one-line message. node:child_process, not execa:
 * every run asks git something, and execa's ~260 modules cost ~90 ms of start-up.
 */

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Strips one final newline, as git's answers end with one (execa's stripFinalNewline). */
function withoutFinalNewline(text: string): string {
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
}

export function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    try {
      execFile('git', [...args], { cwd, timeout: 60_000, maxBuffer: 100 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
        // A git that ran and failed has a numeric exit code; no git at all (ENOENT) says why in the error.
        const ran = !error || typeof (error as { code?: unknown }).code === 'number';
        resolve({
          ok: !error,
          stdout: withoutFinalNewline(String(stdout ?? '')),
          stderr: ran ? withoutFinalNewline(String(stderr ?? '')) : messageOf(error),
        });
      });
    } catch (error) {
      resolve({ ok: false, stdout: '', stderr: messageOf(error) });
    }
  });
}

/** The top of the checkout holding `cwd`; a clear error outside one. */
export async function checkoutRoot(cwd: string): Promise<string> {
  const result = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (!result.ok) throw inputError(cwd, 'is not inside a git checkout (git rev-parse --show-toplevel failed)');
  return result.stdout.trim();
}

/** The full commit id `ref` names, or a clear error when it names none. */
export async function commitOf(cwd: string, ref: string): Promise<string> {
  const result = await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!result.ok || !result.stdout.trim()) throw inputError(undefined, `"${ref}" names no commit in ${cwd}`);
  return result.stdout.trim();
}

/** Whether the work tree has changes to tracked files (untracked files do not count). */
export async function isDirty(cwd: string): Promise<boolean> {
  const result = await git(cwd, ['status', '--porcelain', '--untracked-files=no']);
  return result.ok && result.stdout.trim() !== '';
}

/** The checked-out branch, or undefined on a detached HEAD. */
export async function currentBranch(cwd: string): Promise<string | undefined> {
  const result = await git(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return result.ok && result.stdout.trim() ? result.stdout.trim() : undefined;
}

/** A detached work tree of `commit` at `path` (`git worktree add --detach`). */
export async function addWorktree(cwd: string, path: string, commit: string): Promise<void> {
  const result = await git(cwd, ['worktree', 'add', '--detach', path, commit]);
  if (!result.ok) throw workError(path, `git worktree add failed: ${lastLine(result.stderr)}`);
}

/** Removes a work tree made by addWorktree, also when it holds build output. */
export async function removeWorktree(cwd: string, path: string): Promise<void> {
  const result = await git(cwd, ['worktree', 'remove', '--force', path]);
  if (!result.ok) await git(cwd, ['worktree', 'prune']);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? text;
}
