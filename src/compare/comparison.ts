import type { ZoneStat } from '../model/zone-stat.js';
import type { FunctionStat } from '../model/function-stat.js';
import type { ConditionChange } from './run-conditions.js';

/**
 * What a zone did between the baseline and the current run (zones are judged on their
 * rounds: see `zone-change-test.ts`; functions on sample shares).
 * - `regression` / `improvement`: |Δ| ≥ threshold and the change is confirmed at the
 *   comparison's false discovery rate.
 * - `unconfirmed`: |Δ| ≥ threshold, but the test could not confirm it.
 * - `unchanged`: |Δ| below the threshold.
 * - `unjudged`: the samples cannot confirm any change (one round on each side, too few rounds
 *   for the level asked): Δ is shown, no verdict is claimed.
 * - `new` / `removed`: the zone exists on one side only (without a baseline every zone is `new`).
 */
export type Verdict = 'regression' | 'improvement' | 'unconfirmed' | 'unchanged' | 'unjudged' | 'new' | 'removed';

export const VERDICTS: ReadonlyArray<Verdict> = [
  'regression',
  'improvement',
  'unconfirmed',
  'unchanged',
  'unjudged',
  'new',
  'removed',
];

export type VerdictCounts = Record<Verdict, number>;

export interface ZoneComparison {
  profile: string;
  /** Identity taken from the current zone, or the baseline's for a removed one. */
  name: string;
  srcFile: string;
  srcLine: number;
  current?: ZoneStat;
  baseline?: ZoneStat;
  /** The estimated change of the zone's run-level time in percent of the baseline; absent unless both sides exist. */
  deltaPercent?: number;
  /** Two-sided p-value of the zone's own test; absent when its samples carry no test. */
  pValue?: number;
  /** The p-value adjusted for the comparison's whole family of zones (Benjamini–Hochberg). */
  qValue?: number;
  /** The smallest change this zone's test would confirm at this run's noise (∞: none). */
  mdePercent?: number;
  /** Run-level samples on each side (rounds; 1 for a run without rounds). */
  rounds?: { current: number; baseline: number };
  /** Set when a side had no rounds and its pooled mean stood in. */
  pooledSide?: 'current' | 'baseline';
  /**
   * Set when the zone's round values fall into two speed levels (JIT modes): the levels, the
   * share of rounds at the fast one, and whether the change was judged within the levels.
   */
  modes?: { fastNs: number; slowNs: number; fastShare: number; judgedWithin: boolean };
  verdict: Verdict;
}

/** How sensitive the comparison was: the noise said out loud. */
export interface ComparisonNoise {
  /** Zones present on both sides. */
  matched: number;
  /** Of those, the zones whose samples could confirm a change at all. */
  judged: number;
  /** How many zones could confirm a change of at least 5 %, 10 % and 25 % (MDE at or below it). */
  detectable: { 5: number; 10: number; 25: number };
  /** Median MDE of the judged zones, in percent (∞ when none is judged). */
  medianMdePercent: number;
  /** Rounds of the run and of its baseline. */
  rounds: { current: number; baseline: number };
  /** The baseline has no rounds (stored before rounds existed): its pooled means stand in, and the verdicts are less reliable. */
  pooledBaseline: boolean;
  /** Zones whose rounds fall into two speed levels. */
  bimodal: number;
  /** Of those, the zones judged within the levels (the others' levels overlap too much, or a side lacks rounds in one). */
  judgedWithinModes: number;
}

export interface ProfileComparison {
  name: string;
  /** `current-only` / `baseline-only`: the profile exists in one run only. */
  presence: 'both' | 'current-only' | 'baseline-only';
  /** The current zones in the current run's order (total time, largest first), then the removed ones. */
  zones: ZoneComparison[];
  counts: VerdictCounts;
}

export interface ZoneRunTotals {
  profiles: number;
  zones: number;
  calls: number;
  /** Wall time the profiles cover, summed over profiles (nested zones are not counted twice). */
  spanNs: number;
}

export interface ZoneRunComparison {
  kind: 'zones';
  currentVersion: string;
  /** Absent when there was nothing to compare with. */
  baselineVersion?: string;
  /** Zones present in both runs; a report only says "vs <baseline>" when this is > 0. */
  matchedZones: number;
  thresholdPercent: number;
  alpha: number;
  totals: ZoneRunTotals;
  /** Current profiles in the run's order, then profiles found only in the baseline. */
  profiles: ProfileComparison[];
  counts: VerdictCounts;
  /** Confirmed regressions, largest Δ first (at most `TOP_CHANGES`). */
  topRegressions: ZoneComparison[];
  /** Confirmed improvements, largest drop first (at most `TOP_CHANGES`). */
  topImprovements: ZoneComparison[];
  /** Present when there was a baseline. */
  noise?: ComparisonNoise;
  /** Present when there was a baseline: what it was measured under that this run was not. */
  conditions?: ConditionChange[];
}

export const TOP_CHANGES = 10;

export function emptyVerdictCounts(): VerdictCounts {
  return { regression: 0, improvement: 0, unconfirmed: 0, unchanged: 0, unjudged: 0, new: 0, removed: 0 };
}

/**
 * One function of a V8 CPU profile compared with the baseline's (backend cpuprofile).
 * The verdicts mean what they mean for zones, with Δ taken on inclusive time and the
 * confirming test on sample shares (see `sample-share-test.ts`).
 */
export interface FunctionComparison {
  profile: string;
  /** Identity taken from the current function, or the baseline's for a removed one. */
  functionName: string;
  file: string;
  line: number;
  current?: FunctionStat;
  baseline?: FunctionStat;
  /** Share of the profile's samples whose stack held the function (0–1), per side. */
  currentShare?: number;
  baselineShare?: number;
  /** (current − baseline) / baseline inclusive seconds, in percent; absent unless both sides exist and the baseline is > 0. */
  deltaPercent?: number;
  /** Two-sided p of the two-proportion z-test on inclusive sample shares; absent with too few samples. */
  pValue?: number;
  verdict: Verdict;
}

export interface FunctionProfileComparison {
  name: string;
  presence: 'both' | 'current-only' | 'baseline-only';
  /** The current functions by inclusive time (largest first), then the removed ones. */
  functions: FunctionComparison[];
  counts: VerdictCounts;
  /** All samples and the wall span of the current profile (of the baseline's, for a baseline-only one). */
  totalSamples: number;
  durationSeconds: number;
}

export interface FunctionRunTotals {
  profiles: number;
  functions: number;
  samples: number;
  /** Wall time the profiles cover, summed over profiles. */
  seconds: number;
}

/** A cpuprofile run compared with its baseline: the sibling of `ZoneRunComparison` for functions. */
export interface FunctionRunComparison {
  kind: 'functions';
  currentVersion: string;
  baselineVersion?: string;
  /** Functions present in both runs; a report only says "vs <baseline>" when this is > 0. */
  matchedFunctions: number;
  thresholdPercent: number;
  alpha: number;
  totals: FunctionRunTotals;
  profiles: FunctionProfileComparison[];
  counts: VerdictCounts;
  /** Confirmed regressions, largest Δ inclusive first (at most `TOP_CHANGES`). */
  topRegressions: FunctionComparison[];
  topImprovements: FunctionComparison[];
  /** Present when there was a baseline: what it was measured under that this run was not. */
  conditions?: ConditionChange[];
}

/** What `generate` compares: zones (tracy, embedded) or functions (cpuprofile), told apart by `kind`. */
export type RunComparison = ZoneRunComparison | FunctionRunComparison;
