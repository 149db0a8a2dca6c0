import semver from 'semver';

/** What baseline selection needs to know about a stored run. */
export interface VersionedRun {
  version: string;
  /** Seconds since the epoch, as stored in the run's meta. */
  timestamp: number;
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

/**
 * The version to compare `current` with: among runs of the same platform, the greatest
 * version lower than the current one by semver precedence. Runs that semver cannot order
 * against the current one (either side not semver, or equal precedence such as two build
 * tags) fall back to time: the newest run stored before the current one. The current
 * version itself is never returned (the original tool compared `+` dev versions with themselves).
 */
export function selectBaseline(
  current: VersionedRun,
  candidates: ReadonlyArray<VersionedRun>,
): string | undefined {
  const currentSemver = parseSemver(current.version);
  const others = candidates.filter((run) => run.version !== current.version);

  const lowerBySemver: Array<{ run: VersionedRun; parsed: semver.SemVer }> = [];
  const unordered: VersionedRun[] = [];
  for (const run of others) {
    const parsed = parseSemver(run.version);
    if (!currentSemver || !parsed) {
      unordered.push(run);
      continue;
    }
    const order = parsed.compare(currentSemver);
    if (order < 0) lowerBySemver.push({ run, parsed });
    else if (order === 0) unordered.push(run);
    // Greater versions are never a baseline, even when stored earlier (re-running an old release).
  }

  if (lowerBySemver.length > 0) {
    let best = lowerBySemver[0]!;
    for (const entry of lowerBySemver.slice(1)) {
      const order = entry.parsed.compare(best.parsed);
      if (order > 0 || (order === 0 && entry.run.timestamp > best.run.timestamp)) best = entry;
    }
    return best.run.version;
  }
  return newestByTimestamp(unordered.filter((run) => run.timestamp < current.timestamp))?.version;
}
