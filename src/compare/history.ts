import type { FunctionStat } from '../model/function-stat.js';
import type { StoredRun } from '../model/run.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { functionIdentity } from './compare-functions.js';
import type { RunComparison } from './comparison.js';
import { matchByIdentity, zoneIdentity } from './match-zones.js';
import { runLevelMedian } from './run-level.js';

/** One run on a history's time line. */
export interface HistoryRun {
  version: string;
  /** Seconds since the epoch, as stored. */
  timestamp: number;
  gitCommit?: string;
  /** Rounds the run pooled (1 without rounds). */
  rounds: number;
}

/**
 * Where a zone (or function) stood in one run: its typical time per call and a spread around
 * it, in ns. For zones the location is the run-level median (`runLevelMedian`, what Δ
 * compares) and the spread the 10th–90th percentile of its round medians when it ran in two
 * rounds or more, else the min–max of its calls. Functions have their inclusive time and no
 * spread.
 */
export interface HistoryPoint {
  location: number;
  low: number;
  high: number;
  /** The rounds the spread came from (0: the spread is min–max of the calls, or there is none). */
  rounds: number;
}

/**
 * The stored runs of one platform and backend kind in version order (`compareVersions`),
 * oldest first, and for every entry of the comparison the point of each run it ran in.
 * Series are columns: `location[entry * runs.length + run]`, NaN where the entry did not run.
 */
export interface RunHistory {
  runs: HistoryRun[];
  currentIndex: number;
  /** Absent when there is no baseline. */
  baselineIndex?: number;
  /** Runs of the platform that are stored but left out by the cap, and the cap. */
  omittedRuns: number;
  limit: number;
  /** Stored runs that could not be read (the history goes on without them). */
  unreadable: Array<{ version: string; reason: string }>;
  /** In the comparison's profile order; entries in the profile's order (zones or functions). */
  profiles: HistoryProfile[];
}

export interface HistoryProfile {
  name: string;
  entries: number;
  location: Float64Array;
  low: Float64Array;
  high: Float64Array;
  rounds: Uint16Array;
}

/** An entry's points in run order (absent where it did not run). */
export function historyPoints(history: RunHistory, profileIndex: number, entryIndex: number): Array<HistoryPoint | undefined> {
  const profile = history.profiles[profileIndex];
  const runs = history.runs.length;
  return history.runs.map((_, run) => {
    if (!profile) return undefined;
    const at = entryIndex * runs + run;
    const location = profile.location[at] as number;
    if (Number.isNaN(location)) return undefined;
    return { location, low: profile.low[at] as number, high: profile.high[at] as number, rounds: profile.rounds[at] as number };
  });
}

/** The value at quantile `q` of sorted values, interpolated linearly between neighbours. */
function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const low = sorted[below] as number;
  return low + ((sorted[above] as number) - low) * (position - below);
}

/** A zone's point in one run; see `HistoryPoint`. */
export function zonePoint(zone: ZoneStat): HistoryPoint {
  const rounds = zone.rounds ?? [];
  if (rounds.length >= 2) {
    const medians = rounds.map((round) => round.medianNs).sort((a, b) => a - b);
    return { location: runLevelMedian(zone), low: quantileOfSorted(medians, 0.1), high: quantileOfSorted(medians, 0.9), rounds: rounds.length };
  }
  // One round (or none stored): the spread of one round is the spread of its calls.
  return { location: runLevelMedian(zone), low: zone.minNs, high: zone.maxNs, rounds: 0 };
}

function functionPoint(stat: FunctionStat): HistoryPoint {
  return { location: stat.totalSeconds * 1e9, low: Number.NaN, high: Number.NaN, rounds: 0 };
}

interface ReferenceProfile<T> {
  /** The comparison's entries, each as the statistic that names it (the current one, or the baseline's for a removed entry). */
  entries: T[];
  indexOf: Map<T, number>;
  out: HistoryProfile;
}

/**
 * Builds a `RunHistory` one run at a time, so that a long history is never in memory at once:
 * the pipeline loads a run, adds it and lets it go. An entry is found in each run as the
 * comparison finds it in the baseline: by file and name, the line breaking ties.
 */
export class HistoryBuilder {
  private readonly zoneProfiles = new Map<string, ReferenceProfile<ZoneStat>>();
  private readonly functionProfiles = new Map<string, ReferenceProfile<FunctionStat>>();
  private readonly profiles: HistoryProfile[] = [];

  constructor(
    comparison: RunComparison,
    private readonly runs: readonly HistoryRun[],
  ) {
    const width = runs.length;
    const column = (entries: number) => {
      const location = new Float64Array(entries * width).fill(Number.NaN);
      return { location, low: new Float64Array(entries * width).fill(Number.NaN), high: new Float64Array(entries * width).fill(Number.NaN), rounds: new Uint16Array(entries * width) };
    };
    if (comparison.kind === 'zones') {
      for (const profile of comparison.profiles) {
        const entries = profile.zones.map((zone) => (zone.current ?? zone.baseline) as ZoneStat);
        const out = { name: profile.name, entries: entries.length, ...column(entries.length) };
        this.profiles.push(out);
        this.zoneProfiles.set(profile.name, { entries, indexOf: new Map(entries.map((entry, index) => [entry, index])), out });
      }
    } else {
      for (const profile of comparison.profiles) {
        const entries = profile.functions.map((entry) => (entry.current ?? entry.baseline) as FunctionStat);
        const out = { name: profile.name, entries: entries.length, ...column(entries.length) };
        this.profiles.push(out);
        this.functionProfiles.set(profile.name, { entries, indexOf: new Map(entries.map((entry, index) => [entry, index])), out });
      }
    }
  }

  /** Adds the run at `runIndex` of the time line (a run of the other kind adds nothing). */
  add(runIndex: number, run: StoredRun): void {
    if (run.kind === 'zones') {
      for (const profile of run.profiles) {
        const reference = this.zoneProfiles.get(profile.name);
        if (reference) this.fill(reference, profile.records, runIndex, { identity: zoneIdentity, line: (zone) => zone.srcLine }, zonePoint);
      }
    } else {
      for (const profile of run.profiles) {
        const reference = this.functionProfiles.get(profile.name);
        if (reference) this.fill(reference, profile.functions, runIndex, { identity: functionIdentity, line: (stat) => stat.line }, functionPoint);
      }
    }
  }

  private fill<T>(
    reference: ReferenceProfile<T>,
    stats: readonly T[],
    runIndex: number,
    identity: { identity: (entry: T) => string; line: (entry: T) => number },
    point: (stat: T) => HistoryPoint,
  ): void {
    const width = this.runs.length;
    const { out } = reference;
    for (const pair of matchByIdentity(reference.entries, stats, identity).matched) {
      const entry = reference.indexOf.get(pair.current);
      if (entry === undefined) continue;
      const at = entry * width + runIndex;
      const value = point(pair.baseline);
      out.location[at] = value.location;
      out.low[at] = value.low;
      out.high[at] = value.high;
      out.rounds[at] = Math.min(value.rounds, 65_535);
    }
  }

  finish(details: Omit<RunHistory, 'runs' | 'profiles'>): RunHistory {
    return { ...details, runs: [...this.runs], profiles: this.profiles };
  }
}
