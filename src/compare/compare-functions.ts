import type { FunctionProfile, FunctionStat } from '../model/function-stat.js';
import type { FunctionRun } from '../model/run.js';
import { DEFAULT_ALPHA, DEFAULT_THRESHOLD_PERCENT, type CompareOptions } from './compare-runs.js';
import {
  TOP_CHANGES,
  VERDICTS,
  emptyVerdictCounts,
  type FunctionComparison,
  type FunctionProfileComparison,
  type FunctionRunComparison,
  type FunctionRunTotals,
  type Verdict,
  type VerdictCounts,
} from './comparison.js';
import { matchByIdentity } from './match-zones.js';
import { conditionChanges } from './run-conditions.js';
import { twoProportionTest, type SampleShare } from './sample-share-test.js';
import type { Thresholds } from './verdict.js';

/** A function's identity across versions, as for zones: file and name, the line only breaks ties. */
export function functionIdentity(stat: FunctionStat): string {
  return `${stat.file}\u0000${stat.functionName}`;
}

/**
 * The function's inclusive samples out of the profile's. Inclusive sample counts are not
 * stored (call_count holds self samples), so they are recovered from the stored seconds:
 * inclusive share of the profile's span × its sample count. Exact for V8's regular sampling
 * up to the jitter of the sampling interval; rounded to a whole sample.
 */
export function inclusiveSamples(stat: FunctionStat, profile: Pick<FunctionProfile, 'totalSamples' | 'durationSeconds'>): SampleShare {
  const total = profile.totalSamples;
  if (!(profile.durationSeconds > 0) || !(total > 0)) return { hits: 0, total: 0 };
  const hits = Math.round((stat.totalSeconds / profile.durationSeconds) * total);
  return { hits: Math.min(total, Math.max(0, hits)), total };
}

function deltaOfInclusiveTime(current: FunctionStat, baseline: FunctionStat): number | undefined {
  if (baseline.totalSeconds > 0) return ((current.totalSeconds - baseline.totalSeconds) / baseline.totalSeconds) * 100;
  return current.totalSeconds === baseline.totalSeconds ? 0 : undefined;
}

interface FunctionChange {
  currentShare?: number;
  baselineShare?: number;
  deltaPercent?: number;
  pValue?: number;
  verdict: Verdict;
}

/**
 * Judges one matched function. The size of the change is Δ inclusive time (what a reader of
 * the table cares about); the share test confirms it only when the share moved the same way.
 * A time that grew while its share shrank (another function grew more, or the whole machine
 * was slower) is not evidence against this function: it stays unconfirmed.
 */
export function judgeFunctionChange(
  current: { stat: FunctionStat; profile: FunctionProfile },
  baseline: { stat: FunctionStat; profile: FunctionProfile },
  limits: Thresholds,
): FunctionChange {
  const deltaPercent = deltaOfInclusiveTime(current.stat, baseline.stat);
  const currentSamples = inclusiveSamples(current.stat, current.profile);
  const baselineSamples = inclusiveSamples(baseline.stat, baseline.profile);
  const test = twoProportionTest(currentSamples, baselineSamples);
  const shares = {
    ...(currentSamples.total > 0 ? { currentShare: currentSamples.hits / currentSamples.total } : {}),
    ...(baselineSamples.total > 0 ? { baselineShare: baselineSamples.hits / baselineSamples.total } : {}),
  };
  const pValue = test?.pValue;
  const large = deltaPercent === undefined || Math.abs(deltaPercent) >= limits.thresholdPercent;
  let verdict: Verdict;
  if (!large) verdict = 'unchanged';
  else if (deltaPercent === undefined || test === undefined || !(test.pValue < limits.alpha)) verdict = 'unconfirmed';
  else if (Math.sign(test.z) !== Math.sign(deltaPercent)) verdict = 'unconfirmed';
  else verdict = deltaPercent > 0 ? 'regression' : 'improvement';
  return { ...shares, ...(deltaPercent === undefined ? {} : { deltaPercent }), ...(pValue === undefined ? {} : { pValue }), verdict };
}

function countVerdicts(functions: ReadonlyArray<FunctionComparison>): VerdictCounts {
  const counts = emptyVerdictCounts();
  for (const entry of functions) counts[entry.verdict] += 1;
  return counts;
}

function identityOf(profile: FunctionProfile, stat: FunctionStat) {
  return { profile: profile.name, functionName: stat.functionName, file: stat.file, line: stat.line };
}

function onlyInOneRun(profile: FunctionProfile, presence: 'current-only' | 'baseline-only'): FunctionProfileComparison {
  const side = presence === 'current-only' ? 'current' : 'baseline';
  const verdict = presence === 'current-only' ? 'new' : 'removed';
  const functions = profile.functions.map((stat): FunctionComparison => ({ ...identityOf(profile, stat), [side]: stat, verdict }));
  return {
    name: profile.name,
    presence,
    functions,
    counts: countVerdicts(functions),
    totalSamples: profile.totalSamples,
    durationSeconds: profile.durationSeconds,
  };
}

function compareProfile(current: FunctionProfile, baseline: FunctionProfile, limits: Thresholds): FunctionProfileComparison {
  const matching = matchByIdentity(current.functions, baseline.functions, { identity: functionIdentity, line: (stat) => stat.line });
  const byCurrent = new Map<FunctionStat, FunctionComparison>();
  for (const pair of matching.matched) {
    byCurrent.set(pair.current, {
      ...identityOf(current, pair.current),
      current: pair.current,
      baseline: pair.baseline,
      ...judgeFunctionChange({ stat: pair.current, profile: current }, { stat: pair.baseline, profile: baseline }, limits),
    });
  }
  // The current run's order (inclusive time) so renderers take the top N as is.
  const functions = current.functions.map(
    (stat): FunctionComparison => byCurrent.get(stat) ?? { ...identityOf(current, stat), current: stat, verdict: 'new' },
  );
  for (const stat of matching.removed) functions.push({ ...identityOf(current, stat), baseline: stat, verdict: 'removed' });
  return {
    name: current.name,
    presence: 'both',
    functions,
    counts: countVerdicts(functions),
    totalSamples: current.totalSamples,
    durationSeconds: current.durationSeconds,
  };
}

function topChanges(profiles: ReadonlyArray<FunctionProfileComparison>, verdict: 'regression' | 'improvement'): FunctionComparison[] {
  const sign = verdict === 'regression' ? -1 : 1;
  return profiles
    .flatMap((profile) => profile.functions.filter((entry) => entry.verdict === verdict))
    .sort((a, b) => sign * ((a.deltaPercent ?? 0) - (b.deltaPercent ?? 0)))
    .slice(0, TOP_CHANGES);
}

function functionTotals(profiles: ReadonlyArray<FunctionProfile>): FunctionRunTotals {
  let functions = 0;
  let samples = 0;
  let seconds = 0;
  for (const profile of profiles) {
    functions += profile.functions.length;
    samples += profile.totalSamples;
    seconds += profile.durationSeconds;
  }
  return { profiles: profiles.length, functions, samples, seconds };
}

/**
 * Compares a cpuprofile run with its baseline, profile by profile (by name) and function by
 * function, with the thresholds of `compareRuns`. Plain data for the PDF and terminal renderers.
 */
export function compareFunctionRuns(
  current: FunctionRun,
  baseline: FunctionRun | undefined,
  options: CompareOptions = {},
): FunctionRunComparison {
  const limits: Thresholds = {
    thresholdPercent: options.threshold ?? DEFAULT_THRESHOLD_PERCENT,
    alpha: options.alpha ?? DEFAULT_ALPHA,
  };
  const currentProfiles = current.profiles;
  const baselineProfiles = new Map((baseline?.profiles ?? []).map((profile) => [profile.name, profile]));
  const profiles = currentProfiles.map((profile) => {
    const before = baselineProfiles.get(profile.name);
    baselineProfiles.delete(profile.name);
    return before ? compareProfile(profile, before, limits) : onlyInOneRun(profile, 'current-only');
  });
  if (baseline) for (const profile of baselineProfiles.values()) profiles.push(onlyInOneRun(profile, 'baseline-only'));

  const counts = emptyVerdictCounts();
  for (const profile of profiles) for (const verdict of VERDICTS) counts[verdict] += profile.counts[verdict];
  return {
    kind: 'functions',
    currentVersion: current.version,
    ...(baseline ? { baselineVersion: baseline.version, conditions: conditionChanges(baseline.meta, current.meta) } : {}),
    matchedFunctions: counts.regression + counts.improvement + counts.unconfirmed + counts.unchanged,
    thresholdPercent: limits.thresholdPercent,
    alpha: limits.alpha,
    totals: functionTotals(currentProfiles),
    profiles,
    counts,
    topRegressions: topChanges(profiles, 'regression'),
    topImprovements: topChanges(profiles, 'improvement'),
  };
}
