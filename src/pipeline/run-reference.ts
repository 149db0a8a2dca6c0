import semver from 'semver';
import { compareVersions } from '../compare/baseline.js';
import { inputError } from '../errors.js';
import { ancestorOrder } from '../git/history.js';
import { runKindOf, type RunMeta } from '../model/run.js';
import { splitShardKey } from '../model/shard.js';
import type { ProfileStorage, StoredRunEntry } from '../store/profile-storage.js';
import { gitFacts } from './git-info.js';

/**
 * How a user names a stored run: its version as stored (`1.2.0`, `1.2.0+abc1234`), `+<sha>`
 * (the run of that commit, any package version; a prefix of at least 4 hex digits), or
 * `@latest` (the newest run of the platform by the baseline order).
 */
export const LATEST = '@latest';

/** The whole runs (no shard) stored for `platformId`, zone runs before cpuprofile runs of the same version. */
export async function wholeRunsOf(storage: ProfileStorage, platformId: string): Promise<StoredRunEntry[]> {
  const runs = (await storage.listRuns()).filter((run) => run.meta.platformId === platformId && !splitShardKey(run.platformKey));
  return runs.sort((a, b) => Number(runKindOf(a.meta.backend) === 'functions') - Number(runKindOf(b.meta.backend) === 'functions'));
}

/** Of several runs of one commit: a clean tree's, then the newest. */
export function preferredOfCommit<T extends { meta: RunMeta }>(runs: readonly T[]): T | undefined {
  return [...runs].sort((a, b) => Number(a.meta.gitDirty === true) - Number(b.meta.gitDirty === true) || b.meta.timestamp - a.meta.timestamp)[0];
}

/**
 * The stored run `reference` names among `runs` (whole runs of one platform, see wholeRunsOf),
 * or bad input naming the file and what is stored. `kind` keeps a baseline to the current
 * run's kind (zones or functions).
 */
export async function findStoredRun(
  storage: ProfileStorage,
  runs: readonly StoredRunEntry[],
  reference: string,
  options: { platformId: string; cwd: string; kind?: 'zones' | 'functions' },
): Promise<StoredRunEntry> {
  const candidates = options.kind ? runs.filter((run) => runKindOf(run.meta.backend) === options.kind) : runs;
  const found = await pick(candidates, reference.trim(), options.cwd);
  if (found) return found;
  const stored = [...new Set(candidates.map((run) => run.meta.version))].join(', ') || 'none';
  const named = /^[+@]/.test(reference.trim()) ? reference.trim() : `of version ${reference}`;
  throw inputError(storage.h5Path, `no run ${named} on platform ${options.platformId} (stored: ${stored})`);
}

async function pick(runs: readonly StoredRunEntry[], reference: string, cwd: string): Promise<StoredRunEntry | undefined> {
  if (reference === LATEST) return latestRun(runs, cwd);
  const commit = /^\+([0-9a-f]{4,40})$/i.exec(reference)?.[1]?.toLowerCase();
  if (commit) {
    return preferredOfCommit(runs.filter((run) => run.meta.gitCommit?.toLowerCase().startsWith(commit) || semver.parse(run.meta.version)?.build.join('.').startsWith(commit)));
  }
  return runs.find((run) => run.meta.version === reference);
}

/**
 * The newest run: the greatest version by precedence; among runs semver ranks alike (one per
 * commit, `1.2.0+<sha>`), the run of the commit nearest to HEAD among its ancestors when this
 * is a checkout that knows them, else the one stored last.
 */
async function latestRun(runs: readonly StoredRunEntry[], cwd: string): Promise<StoredRunEntry | undefined> {
  if (runs.length === 0) return undefined;
  const sorted = [...runs].sort((a, b) => compareVersions(b.meta.version, a.meta.version));
  const top = sorted[0] as StoredRunEntry;
  const alike = sorted.filter((run) => samePrecedence(run.meta.version, top.meta.version));
  if (alike.length === 1) return top;
  const head = (await gitFacts(cwd)).commit;
  const order = head ? await ancestorOrder(cwd, head) : undefined;
  if (order) {
    const distance = (run: StoredRunEntry) => (run.meta.gitCommit ? order.get(run.meta.gitCommit) : undefined);
    const ancestors = alike.filter((run) => distance(run) !== undefined);
    if (ancestors.length > 0) {
      const nearest = Math.min(...ancestors.map((run) => distance(run) as number));
      return preferredOfCommit(ancestors.filter((run) => distance(run) === nearest));
    }
  }
  return [...alike].sort((a, b) => b.meta.timestamp - a.meta.timestamp)[0];
}

function samePrecedence(a: string, b: string): boolean {
  const left = semver.parse(a);
  const right = semver.parse(b);
  return left && right ? left.compare(right) === 0 : a === b;
}
