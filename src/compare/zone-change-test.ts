import type { ZoneStat } from '../model/zone-stat.js';
import { hodgesLehmann, median } from './location-shift.js';
import { mannWhitney } from './mann-whitney.js';
import { normalCriticalValue, studentTCriticalValue } from './quantiles.js';
import { studentTTwoSidedP } from './student-t.js';

/**
 * How one zone moved between two runs, judged on run-level samples: each round of a run (one
 * run of the whole suite in fresh workers) gives one value per zone, the median of its calls
 * in that round. Within-run spread says nothing about how much a zone moves from run to run
 * (JIT and GC decisions, the machine's load, frequency), which is what a change must stand
 * out from; the rounds measure exactly that. Medians, because per-call times are heavy-tailed:
 * one preempted call can double a round's mean. Logs, so that a change is a ratio.
 */
export interface ZoneChangeTest {
  /** The estimated change in percent of the baseline (Hodges–Lehmann shift of the log values). */
  deltaPercent: number;
  /** Two-sided p-value; undefined when the samples cannot carry a test at all. */
  pValue?: number;
  /** How the samples were compared. */
  method: 'rank' | 'prediction' | 'none';
  /** The smallest p-value these sample sizes could give (a rank test on few rounds cannot be sure). */
  smallestPossibleP: number;
  /** Run-to-run spread of the zone: the standard deviation of its log values, pooled over both sides. */
  spread: number;
  currentRounds: number;
  baselineRounds: number;
  /** One side has no rounds (a run stored before rounds existed): its pooled mean stands in. */
  pooledSide?: 'current' | 'baseline';
}

/** Each round's location of the zone, as logs of ns. */
function roundValues(zone: ZoneStat, statistic: 'median' | 'mean'): number[] {
  const rounds = zone.rounds ?? [];
  if (rounds.length === 0) return zone.counts > 0 && zone.totalNs > 0 ? [Math.log(zone.totalNs / zone.counts)] : [];
  return rounds
    .map((round) => (statistic === 'median' ? round.medianNs : round.meanNs))
    .filter((value) => value > 0)
    .map((value) => Math.log(value));
}

export function testZoneChange(current: ZoneStat, baseline: ZoneStat): ZoneChangeTest {
  // A side stored without rounds only has its pooled mean: compare means with means then.
  const pooledSide: ZoneChangeTest['pooledSide'] = !baseline.rounds?.length ? 'baseline' : !current.rounds?.length ? 'current' : undefined;
  const statistic = pooledSide ? 'mean' : 'median';
  const a = roundValues(current, statistic);
  const b = roundValues(baseline, statistic);
  const shift = hodgesLehmann(a, b);
  const base = {
    deltaPercent: Number.isFinite(shift) ? (Math.exp(shift) - 1) * 100 : Number.NaN,
    spread: pooledSpread(a, b),
    currentRounds: a.length,
    baselineRounds: b.length,
    ...(pooledSide ? { pooledSide } : {}),
  };
  if (a.length >= 2 && b.length >= 2) {
    const test = mannWhitney(a, b);
    if (test) return { ...base, method: 'rank', pValue: test.pValue, smallestPossibleP: test.smallestPossibleP };
  }
  // One value against several: is it outside what the other side's rounds scatter over?
  const single = a.length === 1 && b.length >= 3 ? { one: a[0] as number, many: b } : b.length === 1 && a.length >= 3 ? { one: b[0] as number, many: a } : undefined;
  if (single) {
    const p = predictionTestP(single.one, single.many);
    if (p !== undefined) return { ...base, method: 'prediction', pValue: p, smallestPossibleP: 0 };
  }
  return { ...base, method: 'none', smallestPossibleP: 1 };
}

/**
 * P of a new observation this far from a sample's mean, when it comes from the sample's own
 * normal distribution: t = (x − mean) / (s·√(1 + 1/n)) with n − 1 degrees of freedom.
 */
function predictionTestP(one: number, many: readonly number[]): number | undefined {
  const n = many.length;
  const mean = many.reduce((sum, value) => sum + value, 0) / n;
  const variance = many.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  if (!(variance > 0)) return one === mean ? 1 : 0;
  const t = (one - mean) / Math.sqrt(variance * (1 + 1 / n));
  return studentTTwoSidedP(t, n - 1);
}

/** The pooled standard deviation of two samples around their own medians (0 when unknown). */
function pooledSpread(a: readonly number[], b: readonly number[]): number {
  let squares = 0;
  let freedom = 0;
  for (const sample of [a, b]) {
    if (sample.length < 2) continue;
    const center = median(sample);
    for (const value of sample) squares += (value - center) ** 2;
    freedom += sample.length - 1;
  }
  return freedom > 0 ? Math.sqrt(squares / freedom) : 0;
}

/** The power a promised detectable change is computed for: a change this large is confirmed 9 times in 10. */
export const DETECTION_POWER = 0.9;

/**
 * The minimum detectable effect: the smallest change, in percent, that this zone's test would
 * confirm with DETECTION_POWER at the per-zone level `alpha`, given its run-to-run spread and
 * rounds. Infinite when the samples cannot reach `alpha` at all (too few rounds for the rank
 * test, one round a side, no spread estimate). For the rank test it is the normal-theory size
 * scaled by π/3, the rank test's variance relative to the t-test's on normal data.
 */
export function detectableChangePercent(test: ZoneChangeTest, alpha: number): number {
  if (test.method === 'none' || !(test.smallestPossibleP <= alpha) || !(test.spread > 0)) return Number.POSITIVE_INFINITY;
  const n = test.currentRounds;
  const m = test.baselineRounds;
  let logShift: number;
  if (test.method === 'rank') {
    const z = normalCriticalValue(alpha) + normalCriticalValue(2 * (1 - DETECTION_POWER));
    logShift = z * test.spread * Math.sqrt((1 / n + 1 / m) * (Math.PI / 3));
  } else {
    const freedom = Math.max(n, m) - 1;
    const t = studentTCriticalValue(alpha, freedom) + studentTCriticalValue(2 * (1 - DETECTION_POWER), freedom);
    logShift = t * test.spread * Math.sqrt(1 + 1 / Math.max(n, m));
  }
  return (Math.exp(logShift) - 1) * 100;
}
