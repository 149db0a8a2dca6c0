import type { ProfileData } from '../model/profile.js';
import type { ZoneRun } from '../model/run.js';
import type { ZoneStat } from '../model/zone-stat.js';
import {
  TOP_CHANGES,
  VERDICTS,
  emptyVerdictCounts,
  type ComparisonNoise,
  type ProfileComparison,
  type Verdict,
  type VerdictCounts,
  type ZoneComparison,
  type ZoneRunComparison,
} from './comparison.js';
import { benjaminiHochberg } from './false-discovery.js';
import { median } from './median.js';
import { matchZones } from './match-zones.js';
import { runTotals } from './run-totals.js';
import { conditionChanges } from './run-conditions.js';
import { canJudge, detectableChangePercent, testZoneChange, type ZoneChangeTest } from './zone-change-test.js';

export interface CompareOptions {
  /** Percent; default 5. */
  threshold?: number;
  /** The false discovery rate over the comparison's zones; default 0.01. */
  alpha?: number;
}

export const DEFAULT_THRESHOLD_PERCENT = 5;
export const DEFAULT_ALPHA = 0.01;

function countVerdicts(zones: ReadonlyArray<ZoneComparison>, into = emptyVerdictCounts()): VerdictCounts {
  for (const zone of zones) into[zone.verdict] += 1;
  return into;
}

function identity(profile: string, zone: ZoneStat): Pick<ZoneComparison, 'profile' | 'name' | 'srcFile' | 'srcLine'> {
  return { profile, name: zone.name, srcFile: zone.srcFile, srcLine: zone.srcLine };
}

function onlyInOneRun(profile: ProfileData, presence: 'current-only' | 'baseline-only'): ProfileComparison {
  const side = presence === 'current-only' ? 'current' : 'baseline';
  const verdict = presence === 'current-only' ? 'new' : 'removed';
  const zones = profile.records.map((zone): ZoneComparison => ({ ...identity(profile.name, zone), [side]: zone, verdict }));
  return { name: profile.name, presence, zones, counts: countVerdicts(zones) };
}

/** A matched zone waiting for its verdict: it depends on every other zone's p-value. */
interface PendingJudgement {
  comparison: ZoneComparison;
  test: ZoneChangeTest;
}

function compareProfile(current: ProfileData, baseline: ProfileData, pending: PendingJudgement[]): ProfileComparison {
  const matching = matchZones(current.records, baseline.records);
  const byCurrentZone = new Map<object, ZoneComparison>();
  for (const { current: now, baseline: before } of matching.matched) {
    const test = testZoneChange(now, before);
    // Built property by property, in the order a spread of the optional parts would give:
    // conditional spreads made every comparison a slow-mode object, and 50,000 of them cost
    // most of compareRuns (half of it in the GC).
    const comparison = { profile: current.name, name: now.name, srcFile: now.srcFile, srcLine: now.srcLine, current: now, baseline: before } as ZoneComparison;
    if (Number.isFinite(test.deltaPercent)) comparison.deltaPercent = test.deltaPercent;
    if (test.pValue !== undefined) comparison.pValue = test.pValue;
    comparison.rounds = { current: test.currentRounds, baseline: test.baselineRounds };
    if (test.pooledSide) comparison.pooledSide = test.pooledSide;
    if (test.bimodal) comparison.modes = { fastNs: test.bimodal.levels[0], slowNs: test.bimodal.levels[1], fastShare: test.bimodal.fastShare, judgedWithin: test.method === 'modes' };
    comparison.verdict = 'unjudged';
    pending.push({ comparison, test });
    byCurrentZone.set(now, comparison);
  }
  // Keep the current run's order (total time) so renderers can take the top N as is.
  const zones: ZoneComparison[] = current.records.map(
    (zone) => byCurrentZone.get(zone) ?? { ...identity(current.name, zone), current: zone, verdict: 'new' },
  );
  for (const zone of matching.removed) zones.push({ ...identity(current.name, zone), baseline: zone, verdict: 'removed' });
  return { name: current.name, presence: 'both', zones, counts: emptyVerdictCounts() };
}

/**
 * Every matched zone of the comparison is one test of one family: their p-values are adjusted
 * together (Benjamini–Hochberg at `alpha`), so a suite of a hundred zones that did not change
 * shows no change rather than about one false alarm per comparison. A zone's detectable change
 * is computed at `alpha` divided by the family's size, the level its own p-value must reach
 * when it is the only real change; that makes the promise one the test keeps.
 */
function judge(pending: readonly PendingJudgement[], thresholdPercent: number, alpha: number): void {
  // Only zones that can be judged form the family: a zone that cannot be confirmed anyway must
  // not make the others' correction stricter.
  const qValues = benjaminiHochberg(pending.map(({ test }) => (canJudge(test) ? (test.pValue ?? Number.NaN) : Number.NaN)));
  const family = qValues.filter((q) => !Number.isNaN(q)).length;
  const perZoneAlpha = alpha / Math.max(1, family);
  pending.forEach(({ comparison, test }, index) => {
    const q = qValues[index] as number;
    if (!Number.isNaN(q)) comparison.qValue = q;
    const mde = detectableChangePercent(test, perZoneAlpha);
    comparison.mdePercent = mde;
    comparison.verdict = verdictOf(test, q, thresholdPercent, alpha);
  });
}

function verdictOf(test: ZoneChangeTest, q: number, thresholdPercent: number, alpha: number): Verdict {
  // Too few rounds on a side to claim anything: Δ is shown, no verdict.
  if (Number.isNaN(q) || !Number.isFinite(test.deltaPercent)) return 'unjudged';
  if (Math.abs(test.deltaPercent) < thresholdPercent) return 'unchanged';
  if (!(q <= alpha)) return 'unconfirmed';
  return test.deltaPercent > 0 ? 'regression' : 'improvement';
}

function noiseOf(pending: readonly PendingJudgement[]): ComparisonNoise {
  const judged = pending.filter(({ comparison }) => comparison.verdict !== 'unjudged');
  const mdes = judged.map(({ comparison }) => comparison.mdePercent ?? Number.POSITIVE_INFINITY);
  const within = (limit: number) => mdes.filter((mde) => mde <= limit).length;
  const most = (pick: (test: ZoneChangeTest) => number) => pending.reduce((max, { test }) => Math.max(max, pick(test)), 0);
  return {
    matched: pending.length,
    judged: judged.length,
    detectable: { 5: within(5), 10: within(10), 25: within(25) },
    medianMdePercent: mdes.length > 0 ? median(mdes) : Number.POSITIVE_INFINITY,
    rounds: { current: most((test) => test.currentRounds), baseline: most((test) => test.baselineRounds) },
    pooledBaseline: pending.some(({ test }) => test.pooledSide === 'baseline'),
    bimodal: pending.filter(({ test }) => test.bimodal).length,
    judgedWithinModes: pending.filter(({ test }) => test.method === 'modes').length,
  };
}

function topChanges(profiles: ReadonlyArray<ProfileComparison>, verdict: 'regression' | 'improvement'): ZoneComparison[] {
  const sign = verdict === 'regression' ? -1 : 1;
  return profiles
    .flatMap((profile) => profile.zones.filter((zone) => zone.verdict === verdict))
    .sort((a, b) => sign * ((a.deltaPercent ?? 0) - (b.deltaPercent ?? 0)))
    .slice(0, TOP_CHANGES);
}

/**
 * Compares a run with its baseline, profile by profile (matched by name) and zone by zone.
 * Without a baseline every zone is `new` and `baselineVersion` is absent. The result is plain
 * data: the PDF, the HTML page, the terminal and CI summaries and the gate all read it.
 */
export function compareRuns(current: ZoneRun, baseline: ZoneRun | undefined, options: CompareOptions = {}): ZoneRunComparison {
  const thresholdPercent = options.threshold ?? DEFAULT_THRESHOLD_PERCENT;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const pending: PendingJudgement[] = [];
  const baselineProfiles = new Map((baseline?.profiles ?? []).map((profile) => [profile.name, profile]));
  const profiles: ProfileComparison[] = current.profiles.map((profile) => {
    const before = baselineProfiles.get(profile.name);
    baselineProfiles.delete(profile.name);
    return before ? compareProfile(profile, before, pending) : onlyInOneRun(profile, 'current-only');
  });
  if (baseline) {
    for (const profile of baselineProfiles.values()) profiles.push(onlyInOneRun(profile, 'baseline-only'));
  }
  judge(pending, thresholdPercent, alpha);
  for (const profile of profiles) profile.counts = countVerdicts(profile.zones);

  const counts = emptyVerdictCounts();
  for (const profile of profiles) for (const verdict of VERDICTS) counts[verdict] += profile.counts[verdict];
  const matchedZones = pending.length;

  return {
    kind: 'zones',
    currentVersion: current.version,
    ...(baseline ? { baselineVersion: baseline.version, noise: noiseOf(pending), conditions: conditionChanges(baseline.meta, current.meta) } : {}),
    matchedZones,
    thresholdPercent,
    alpha,
    totals: runTotals(current.profiles),
    profiles,
    counts,
    topRegressions: topChanges(profiles, 'regression'),
    topImprovements: topChanges(profiles, 'improvement'),
  };
}
