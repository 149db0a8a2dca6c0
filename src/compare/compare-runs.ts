import type { ProfileData } from '../model/profile.js';
import type { ZoneRun } from '../model/run.js';
import {
  TOP_CHANGES,
  VERDICTS,
  emptyVerdictCounts,
  type ProfileComparison,
  type ZoneRunComparison,
  type VerdictCounts,
  type ZoneComparison,
} from './comparison.js';
import { matchZones } from './match-zones.js';
import { runTotals } from './run-totals.js';
import { judgeChange, type Thresholds } from './verdict.js';

export interface CompareOptions {
  /** Percent; default 5. */
  threshold?: number;
  /** Default 0.01. */
  alpha?: number;
}

export const DEFAULT_THRESHOLD_PERCENT = 5;
export const DEFAULT_ALPHA = 0.01;

function countVerdicts(zones: ReadonlyArray<ZoneComparison>, into = emptyVerdictCounts()): VerdictCounts {
  for (const zone of zones) into[zone.verdict] += 1;
  return into;
}

function onlyInOneRun(
  profile: ProfileData,
  presence: 'current-only' | 'baseline-only',
): ProfileComparison {
  const side = presence === 'current-only' ? 'current' : 'baseline';
  const verdict = presence === 'current-only' ? 'new' : 'removed';
  const zones = profile.records.map(
    (zone): ZoneComparison => ({
      profile: profile.name,
      name: zone.name,
      srcFile: zone.srcFile,
      srcLine: zone.srcLine,
      [side]: zone,
      verdict,
    }),
  );
  return { name: profile.name, presence, zones, counts: countVerdicts(zones) };
}

function compareProfile(current: ProfileData, baseline: ProfileData, limits: Thresholds): ProfileComparison {
  const matching = matchZones(current.records, baseline.records);
  const byCurrentZone = new Map<object, ZoneComparison>();
  for (const { current: now, baseline: before } of matching.matched) {
    byCurrentZone.set(now, {
      profile: current.name,
      name: now.name,
      srcFile: now.srcFile,
      srcLine: now.srcLine,
      current: now,
      baseline: before,
      ...judgeChange(now, before, limits),
    });
  }
  // Keep the current run's order (total time) so renderers can take the top N as is.
  const zones: ZoneComparison[] = current.records.map(
    (zone) =>
      byCurrentZone.get(zone) ?? {
        profile: current.name,
        name: zone.name,
        srcFile: zone.srcFile,
        srcLine: zone.srcLine,
        current: zone,
        verdict: 'new',
      },
  );
  for (const zone of matching.removed) {
    zones.push({
      profile: current.name,
      name: zone.name,
      srcFile: zone.srcFile,
      srcLine: zone.srcLine,
      baseline: zone,
      verdict: 'removed',
    });
  }
  return { name: current.name, presence: 'both', zones, counts: countVerdicts(zones) };
}

function topChanges(
  profiles: ReadonlyArray<ProfileComparison>,
  verdict: 'regression' | 'improvement',
): ZoneComparison[] {
  const sign = verdict === 'regression' ? -1 : 1;
  return profiles
    .flatMap((profile) => profile.zones.filter((zone) => zone.verdict === verdict))
    .sort((a, b) => sign * ((a.deltaPercent ?? 0) - (b.deltaPercent ?? 0)))
    .slice(0, TOP_CHANGES);
}

/**
 * Compares a run with its baseline, profile by profile (matched by name) and zone by zone.
 * Without a baseline every zone is `new` and `baselineVersion` is absent. The result is plain
 * data: the PDF, the terminal summary and the CI gate all read it.
 */
export function compareRuns(
  current: ZoneRun,
  baseline: ZoneRun | undefined,
  options: CompareOptions = {},
): ZoneRunComparison {
  const limits: Thresholds = {
    thresholdPercent: options.threshold ?? DEFAULT_THRESHOLD_PERCENT,
    alpha: options.alpha ?? DEFAULT_ALPHA,
  };
  const baselineProfiles = new Map((baseline?.profiles ?? []).map((profile) => [profile.name, profile]));
  const profiles: ProfileComparison[] = current.profiles.map((profile) => {
    const before = baselineProfiles.get(profile.name);
    baselineProfiles.delete(profile.name);
    return before ? compareProfile(profile, before, limits) : onlyInOneRun(profile, 'current-only');
  });
  if (baseline) {
    for (const profile of baselineProfiles.values()) profiles.push(onlyInOneRun(profile, 'baseline-only'));
  }

  const counts = emptyVerdictCounts();
  for (const profile of profiles) for (const verdict of VERDICTS) counts[verdict] += profile.counts[verdict];
  const matchedZones = counts.regression + counts.improvement + counts.unconfirmed + counts.unchanged;

  return {
    kind: 'zones',
    currentVersion: current.version,
    ...(baseline ? { baselineVersion: baseline.version } : {}),
    matchedZones,
    thresholdPercent: limits.thresholdPercent,
    alpha: limits.alpha,
    totals: runTotals(current.profiles),
    profiles,
    counts,
    topRegressions: topChanges(profiles, 'regression'),
    topImprovements: topChanges(profiles, 'improvement'),
  };
}
