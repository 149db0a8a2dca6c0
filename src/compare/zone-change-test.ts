import type { ZoneStat } from '../model/zone-stat.js';
import { studentTCriticalValue } from './quantiles.js';
import { bimodalityOf, stratifiedChange, type Bimodality } from './run-modes.js';
import { studentTTwoSidedP } from './student-t.js';
import { welchTest } from './welch.js';

/**
 * How one zone moved between two runs, judged on run-level samples: each round of a run (one
 * run of the whole suite in fresh workers) gives one value per zone, the median of its calls
 * in that round. Within-run spread says nothing about how much a zone moves from run to run —
 * measured on a 2-core machine, round means varied a median 3.2× more than their within-run
 * standard error — and the rounds measure exactly that. Medians, because per-call times are
 * heavy-tailed (one preempted or still-interpreted call can double a round's mean). Logs, so
 * that a change is a ratio.
 *
 * The test is Welch's t on the log round medians. Measured against the alternatives on
 * recorded rounds (Mann–Whitney, Yuen's trimmed t, paired tests, a bootstrap): it kept A/A
 * false alarms as low (with the family correction of compare-runs) and had the most power at
 * 3–10 rounds a side; rank tests cannot reach the levels a family of ~100 zones needs below
 * 8 rounds a side. Zones whose rounds fall into JIT modes are compared within the modes
 * (run-modes.ts).
 */
export interface ZoneChangeTest {
  /** The estimated change in percent of the baseline. */
  deltaPercent: number;
  /** Two-sided p-value; undefined when the samples cannot carry a test at all. */
  pValue?: number;
  /** How the samples were compared. */
  method: 'rounds' | 'modes' | 'prediction' | 'none';
  /** Standard error of the log change and its degrees of freedom (what the detectable change is computed from). */
  standardError: number;
  degreesOfFreedom: number;
  currentRounds: number;
  baselineRounds: number;
  /** One side has no rounds (a run stored before rounds existed): its pooled mean stands in. */
  pooledSide?: 'current' | 'baseline';
  /** Set when the current run's rounds of the zone fall into two speed levels. */
  bimodal?: Bimodality;
}

/** Below this many rounds a side no verdict is claimed: measured, 3–4 a side gave too many false alarms and no power. */
export const MIN_ROUNDS = 5;

/** Each round's location of the zone, as logs of ns. */
function roundValues(zone: ZoneStat, statistic: 'median' | 'mean'): number[] {
  const rounds = zone.rounds ?? [];
  if (rounds.length === 0) return zone.counts > 0 && zone.totalNs > 0 ? [Math.log(zone.totalNs / zone.counts)] : [];
  return rounds
    .map((round) => (statistic === 'median' ? round.medianNs : round.meanNs))
    .filter((value) => value > 0)
    .map((value) => Math.log(value));
}

/** A test result of one fixed shape: spreading the optional parts made each a slow-mode object (50,000 per report). */
function result(
  method: ZoneChangeTest['method'],
  deltaPercent: number,
  standardError: number,
  degreesOfFreedom: number,
  rounds: { current: number; baseline: number; pooledSide: ZoneChangeTest['pooledSide'] },
  pValue?: number,
  bimodal?: Bimodality,
): ZoneChangeTest {
  const test: ZoneChangeTest = { deltaPercent, method, standardError, degreesOfFreedom, currentRounds: rounds.current, baselineRounds: rounds.baseline };
  if (pValue !== undefined) test.pValue = pValue;
  if (rounds.pooledSide) test.pooledSide = rounds.pooledSide;
  if (bimodal) test.bimodal = bimodal;
  return test;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

export function testZoneChange(current: ZoneStat, baseline: ZoneStat): ZoneChangeTest {
  // A side stored without rounds only has its pooled mean: compare means with means then.
  const pooledSide: ZoneChangeTest['pooledSide'] = !baseline.rounds?.length ? 'baseline' : !current.rounds?.length ? 'current' : undefined;
  const statistic = pooledSide ? 'mean' : 'median';
  const a = roundValues(current, statistic);
  const b = roundValues(baseline, statistic);
  const rounds = { current: a.length, baseline: b.length, pooledSide };
  const percent = (logShift: number) => (Math.exp(logShift) - 1) * 100;
  if (a.length >= 2 && b.length >= 2) {
    // Each side on its own: pooled, a large change would look like two modes.
    const bimodal = bimodalityOf(a);
    if (bimodal || bimodalityOf(b)) {
      const within = stratifiedChange(a, b);
      if (within) {
        return result('modes', percent(within.logShift), within.standardError, within.degreesOfFreedom, rounds, within.pValue, bimodal);
      }
    }
    const summary = (values: number[]) => {
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
      return { mean, std: Math.sqrt(variance), count: values.length };
    };
    const sa = summary(a);
    const sb = summary(b);
    const welch = welchTest(sa, sb)!;
    const standardError = Math.sqrt(sa.std ** 2 / sa.count + sb.std ** 2 / sb.count);
    return result('rounds', percent(sa.mean - sb.mean), standardError, a.length + b.length - 2, rounds, welch.pValue, bimodal);
  }
  // One value against several rounds: is it outside what the other side's rounds scatter over?
  const single = a.length === 1 && b.length >= MIN_ROUNDS ? { one: a[0] as number, many: b, sign: 1 } : b.length === 1 && a.length >= MIN_ROUNDS ? { one: b[0] as number, many: a, sign: -1 } : undefined;
  if (single) {
    const n = single.many.length;
    const mean = single.many.reduce((sum, value) => sum + value, 0) / n;
    const variance = single.many.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
    const standardError = Math.sqrt(variance * (1 + 1 / n));
    const shift = single.sign * (single.one - mean);
    const pValue = standardError > 0 ? studentTTwoSidedP(shift / standardError, n - 1) : shift === 0 ? 1 : 0;
    return result('prediction', percent(shift), standardError, n - 1, rounds, pValue);
  }
  const shift = a.length > 0 && b.length > 0 ? mean(a) - mean(b) : Number.NaN;
  return result('none', percent(shift), Number.NaN, 0, rounds);
}

/** Whether the test may claim a verdict: enough rounds on each side (a stored pooled side counts as one value). */
export function canJudge(test: ZoneChangeTest): boolean {
  if (test.method === 'none' || test.pValue === undefined) return false;
  if (test.method === 'prediction') return true;
  return test.currentRounds >= MIN_ROUNDS && test.baselineRounds >= MIN_ROUNDS;
}

/** The power a promised detectable change is computed for: a change this large is confirmed 9 times in 10. */
export const DETECTION_POWER = 0.9;

/**
 * The minimum detectable effect: the smallest change, in percent, that this zone's test would
 * confirm with DETECTION_POWER at the per-zone level `alpha`, from the standard error of its
 * log change: (t(1 − α/2) + t(power)) · SE. Infinite when no verdict can be claimed. Checked on
 * recorded A/B rounds: zones whose printed value was below the injected change were confirmed
 * 99.8 % of the time at 10 rounds a side.
 */
export function detectableChangePercent(test: ZoneChangeTest, alpha: number): number {
  if (!canJudge(test) || !(test.standardError >= 0) || !(test.degreesOfFreedom >= 1)) return Number.POSITIVE_INFINITY;
  const t = studentTCriticalValue(alpha, test.degreesOfFreedom) + studentTCriticalValue(2 * (1 - DETECTION_POWER), test.degreesOfFreedom);
  return (Math.exp(t * test.standardError) - 1) * 100;
}
