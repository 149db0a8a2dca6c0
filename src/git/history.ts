import { inputError } from '../errors.js';
import { git } from './git.js';

/**
 * The history questions a git-aware baseline asks: where two lines of work meet, and which
 * commits lie behind a commit, nearest first.
 */

/** Whether the checkout is a shallow clone (CI checkouts fetch one commit by default). */
export async function isShallow(cwd: string): Promise<boolean> {
  const result = await git(cwd, ['rev-parse', '--is-shallow-repository']);
  return result.ok && result.stdout.trim() === 'true';
}

/**
 * The best common ancestor of `a` and `b` (`git merge-base`). Its absence in a shallow clone
 * means the history was cut off before it; the message says to fetch more.
 */
export async function mergeBase(cwd: string, a: string, b: string, label = `${a} and ${b}`): Promise<string> {
  const result = await git(cwd, ['merge-base', a, b]);
  if (result.ok && result.stdout.trim()) return result.stdout.trim().split('\n')[0] as string;
  if (await isShallow(cwd)) {
    throw inputError(cwd, `${label} have no merge-base in this shallow clone: fetch more history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)`);
  }
  throw inputError(cwd, `${label} share no history (git merge-base found no common commit)`);
}

/**
 * `commit` and its ancestors, each with its distance in topological order (0 for `commit`
 * itself): children always come before their parents, so a smaller distance is a nearer
 * ancestor on every path. Undefined when git cannot walk from `commit` (not in this clone).
 */
export async function ancestorOrder(cwd: string, commit: string): Promise<Map<string, number> | undefined> {
  const result = await git(cwd, ['rev-list', '--topo-order', commit]);
  if (!result.ok) return undefined;
  const order = new Map<string, number>();
  for (const line of result.stdout.split('\n')) {
    const sha = line.trim();
    if (sha) order.set(sha, order.size);
  }
  return order;
}
