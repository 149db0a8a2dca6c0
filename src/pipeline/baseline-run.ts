import { existsSync } from 'node:fs';
import { selectBaseline } from '../compare/baseline.js';
import { inputError } from '../errors.js';
import { checkoutRoot, commitOf } from '../git/git.js';
import { ancestorOrder, isShallow, mergeBase } from '../git/history.js';
import { runKindOf, type RunMeta, type StoredRun } from '../model/run.js';
import type { ProfileStorage, StoredRunEntry } from '../store/profile-storage.js';
import { findStoredRun, preferredOfCommit, wholeRunsOf } from './run-reference.js';

/** How the baseline is chosen; by default the previous run (selectBaseline, by commit ancestry where it applies). */
export interface BaselineChoice {
  /** A stored run as the user names it (a version, `+<sha>`, `@latest`); it must exist. */
  version?: string;
  /** A git ref: the run of the nearest ancestor of its merge-base with HEAD. */
  ref?: string;
  /** The measured project's directory: where git is asked. */
  cwd: string;
  /** A commit's ancestry already asked of git (ancestorOrder), used when the run is of that commit. */
  ancestry?: { commit: string; order: Promise<Map<string, number> | undefined> };
}

export interface BaselineFound {
  run?: StoredRun;
  /** Why there is no baseline although one was looked for by commit; shown beside "no baseline". */
  note?: string;
}

/**
 * The stored run to compare `meta`'s run with, of the same platform and backend kind. Shards
 * are never a baseline. Nothing when there is no history yet.
 */
export async function baselineRun(storage: ProfileStorage, meta: RunMeta, choice: BaselineChoice): Promise<BaselineFound> {
  if (!existsSync(storage.h5Path)) {
    if (choice.version) throw inputError(storage.h5Path, `no such file, so no baseline ${choice.version}`);
    if (choice.ref) await baseCommitOf(choice.ref, choice.cwd);
    return {};
  }
  const kind = runKindOf(meta.backend);
  const sameKind = (await wholeRunsOf(storage, meta.platformId)).filter((run) => runKindOf(run.meta.backend) === kind);
  const others = sameKind.filter((run) => run.meta.version !== meta.version);
  let chosen: StoredRunEntry | undefined;
  if (choice.version) {
    // `+<sha>` and `@latest` look past the run being compared; a version is taken as named.
    const among = /^[+@]/.test(choice.version.trim()) ? others : sameKind;
    chosen = await findStoredRun(storage, among, choice.version, { platformId: meta.platformId, cwd: choice.cwd });
  } else if (choice.ref) {
    const found = await nearestStoredAncestor(others, choice.ref, choice.cwd, meta.platformId);
    if ('note' in found) return { note: found.note };
    chosen = found.run;
  } else {
    const asked = choice.ancestry && choice.ancestry.commit === meta.gitCommit ? choice.ancestry.order : undefined;
    const order = meta.gitCommit ? await (asked ?? ancestorOrder(choice.cwd, meta.gitCommit)) : undefined;
    const candidates = others.map((run) => ({
      ...run.meta,
      ...(order && run.meta.gitCommit && order.has(run.meta.gitCommit) ? { ancestorDistance: order.get(run.meta.gitCommit) as number } : {}),
    }));
    const version = selectBaseline(meta, candidates, { byAncestry: order !== undefined });
    chosen = others.find((run) => run.meta.version === version);
    // Running twice under one version replaces the run: say how to get a comparison instead.
    if (others.length === 0 && sameKind.length > 0) {
      return { note: `no other version is stored on ${meta.platformId}: a run under the same version replaces it; bump the version (package.json or --perf-version git) to compare` };
    }
  }
  return chosen ? { run: await storage.loadRun(chosen.meta.version, meta.platformId, meta.backend) } : {};
}

/** `ref`'s merge-base with HEAD, or one line saying why it has none: checked before a run is stored. */
export async function baseCommitOf(ref: string, cwd: string): Promise<string> {
  await checkoutRoot(cwd);
  let commit: string;
  try {
    commit = await commitOf(cwd, ref);
  } catch (error) {
    if (await isShallow(cwd)) throw inputError(cwd, `--baseline-ref "${ref}" names no commit in this shallow clone: fetch it (e.g. git fetch origin ${ref.replace(/^origin\//, '')}), or clone with more history`);
    throw error;
  }
  return mergeBase(cwd, commit, 'HEAD', `${ref} and HEAD`);
}

/**
 * `--baseline-ref <ref>`: the stored run whose commit is the nearest ancestor of the merge-base
 * of `ref` and HEAD, that is, the last measured commit the two lines of work share.
 */
async function nearestStoredAncestor(
  runs: readonly StoredRunEntry[],
  ref: string,
  cwd: string,
  platformId: string,
): Promise<{ run: StoredRunEntry } | { note: string }> {
  const base = await baseCommitOf(ref, cwd);
  const order = await ancestorOrder(cwd, base);
  const distance = (run: StoredRunEntry) => (run.meta.gitCommit ? order?.get(run.meta.gitCommit) : undefined);
  const ancestors = runs.filter((run) => distance(run) !== undefined);
  if (ancestors.length === 0) {
    const where = `${ref}'s merge-base with HEAD (${base.slice(0, 7)})`;
    if (await isShallow(cwd)) {
      throw inputError(cwd, `no stored run on ${platformId} is of a commit at or before ${where} in this shallow clone: fetch more history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)`);
    }
    return { note: `no stored run on ${platformId} is of a commit at or before ${where}` };
  }
  const nearest = Math.min(...ancestors.map((run) => distance(run) as number));
  return { run: preferredOfCommit(ancestors.filter((run) => distance(run) === nearest)) as StoredRunEntry };
}
