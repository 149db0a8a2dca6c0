import semver from 'semver';

/** What baseline selection needs to know about a stored run. */
export interface VersionedRun {
  version: string;
  /** Seconds since the epoch, as stored in the run's meta. */
  timestamp: number;
  /**
   * How far behind the current run's commit this run's commit lies (0: the same commit), in
   * topological order; absent when it is no ancestor. Only read when the caller asks for
   * ancestry (`BaselineOrder.byAncestry`): compare/ asks git nothing, the pipeline does.
   */
  ancestorDistance?: number;
}

/** How the caller knows the runs' commits. */
export interface BaselineOrder {
  /** Every candidate's `ancestorDistance` was looked up from the current run's commit. */
  byAncestry?: boolean;
}

/** The version as semver, or undefined when it is not one (`0.0.11.dev3+g7ba3999`, `2.0.0rc1`). */
function parseSemver(version: string): semver.SemVer | undefined {
  // Strict parsing on purpose: loose mode reads `0.0.11.dev3+g7ba` as `0.0.1-1.dev3`.
  return semver.parse(version) ?? undefined;
}

/**
 * Sort order for versions: semver precedence when both are semver (so `0.0.9 < 0.0.10` and
 * `2.0.0-rc.1 < 2.0.0`, where the original tool's HDF5 key order got both wrong), semver versions
 * before anything else, and a numeric-aware text order between two non-semver versions.
 */
export function compareVersions(a: string, b: string): number {
  const semverA = parseSemver(a);
  const semverB = parseSemver(b);
  if (semverA && semverB) return semverA.compare(semverB) || a.localeCompare(b);
  if (semverA) return -1;
  if (semverB) return 1;
  return a.localeCompare(b, 'en', { numeric: true });
}

function newestByTimestamp<T extends VersionedRun>(runs: ReadonlyArray<T>): T | undefined {
  let newest: T | undefined;
  for (const run of runs) if (!newest || run.timestamp > newest.timestamp) newest = run;
  return newest;
}

function nearestAncestor<T extends VersionedRun>(runs: ReadonlyArray<T>): T | undefined {
  let nearest: T | undefined;
  for (const run of runs) {
    if (run.ancestorDistance === undefined) continue;
    if (!nearest || run.ancestorDistance < (nearest.ancestorDistance as number)) nearest = run;
  }
  return nearest;
}

/**
 * The version to compare `current` with: among runs of the same platform, the greatest
 * version lower than the current one by semver precedence. Runs that semver cannot order
 * against the current one (either side not semver, or equal precedence such as two build
 * tags) fall back to time: the newest run stored before the current one. The current
 * version itself is never returned (the original tool compared `+` dev versions with themselves).
 *
 * With ancestry known and a current version carrying build metadata (`1.2.0+abc1234`, one run
 * per commit), commits decide instead of time: the run of the nearest ancestor commit among
 * the runs of equal precedence wins, ahead of lower versions (the previous commit is a nearer
 * baseline than the last release), and a run of a commit that is no ancestor (another branch)
 * is never picked. Between two lower versions of equal precedence, the nearer ancestor wins too.
 */
export function selectBaseline(
  current: VersionedRun,
  candidates: ReadonlyArray<VersionedRun>,
  order: BaselineOrder = {},
): string | undefined {
  const currentSemver = parseSemver(current.version);
  const others = candidates.filter((run) => run.version !== current.version);
  const byCommit = order.byAncestry === true && currentSemver !== undefined && currentSemver.build.length > 0;
  if (byCommit) {
    const sameRelease = others.filter((run) => parseSemver(run.version)?.compare(currentSemver) === 0);
    const nearest = nearestAncestor(sameRelease);
    if (nearest) return nearest.version;
  }

  const lowerBySemver: Array<{ run: VersionedRun; parsed: semver.SemVer }> = [];
  const unordered: VersionedRun[] = [];
  for (const run of others) {
    const parsed = parseSemver(run.version);
    if (!currentSemver || !parsed) {
      unordered.push(run);
      continue;
    }
    const precedence = parsed.compare(currentSemver);
    if (precedence < 0) lowerBySemver.push({ run, parsed });
    else if (precedence === 0 && !byCommit) unordered.push(run);
    // Greater versions are never a baseline, even when stored earlier (re-running an old release).
  }

  if (lowerBySemver.length > 0) {
    let best = lowerBySemver[0]!;
    for (const entry of lowerBySemver.slice(1)) {
      const precedence = entry.parsed.compare(best.parsed);
      if (precedence > 0 || (precedence === 0 && laterOfEqualPrecedence(entry.run, best.run, order))) best = entry;
    }
    return best.run.version;
  }
  if (order.byAncestry) {
    const nearest = nearestAncestor(unordered);
    if (nearest) return nearest.version;
  }
  return newestByTimestamp(unordered.filter((run) => run.timestamp < current.timestamp))?.version;
}

/** Of two runs semver ranks alike, the nearer ancestor when both commits are known ancestors, else the newer. */
function laterOfEqualPrecedence(a: VersionedRun, b: VersionedRun, order: BaselineOrder): boolean {
  if (order.byAncestry && a.ancestorDistance !== undefined && b.ancestorDistance !== undefined) return a.ancestorDistance < b.ancestorDistance;
  if (order.byAncestry && (a.ancestorDistance !== undefined) !== (b.ancestorDistance !== undefined)) return a.ancestorDistance !== undefined;
  return a.timestamp > b.timestamp;
}
