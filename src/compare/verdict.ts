import type { ZoneStat } from '../model/zone-stat.js';
import type { Verdict } from './comparison.js';
import { welchTest } from './welch.js';

export interface Thresholds {
  /** Smallest |Δ mean| in percent that counts as a change. */
  thresholdPercent: number;
  /** Largest p-value that confirms a change. */
  alpha: number;
}

export interface ZoneChange {
  deltaPercent?: number;
  pValue?: number;
  verdict: Verdict;
}

function deltaOfMeans(current: ZoneStat, baseline: ZoneStat): number | undefined {
  if (baseline.meanNs > 0) return ((current.meanNs - baseline.meanNs) / baseline.meanNs) * 100;
  return current.meanNs === baseline.meanNs ? 0 : undefined;
}

/** Judges one matched zone: the size of the change in mean time and whether Welch confirms it. */
export function judgeChange(current: ZoneStat, baseline: ZoneStat, limits: Thresholds): ZoneChange {
  const deltaPercent = deltaOfMeans(current, baseline);
  const test = welchTest(
    { mean: current.meanNs, std: current.stdNs, count: current.counts },
    { mean: baseline.meanNs, std: baseline.stdNs, count: baseline.counts },
  );
  const pValue = test?.pValue;
  const large = deltaPercent === undefined || Math.abs(deltaPercent) >= limits.thresholdPercent;
  let verdict: Verdict;
  if (!large) verdict = 'unchanged';
  else if (deltaPercent === undefined || pValue === undefined || !(pValue < limits.alpha)) {
    verdict = 'unconfirmed';
  } else verdict = deltaPercent > 0 ? 'regression' : 'improvement';
  return { deltaPercent, pValue, verdict };
}
