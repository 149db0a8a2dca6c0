import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { compareFunctionRuns } from '../../src/compare/compare-functions.js';
import { HistoryBuilder, historyPoints, zonePoint, type HistoryRun } from '../../src/compare/history.js';
import type { ZoneRound } from '../../src/model/zone-stat.js';
import { functionRun, meta, profile, zone, zoneRun } from '../support/runs.js';

function rounds(medians: number[]): ZoneRound[] {
  return medians.map((medianNs, index) => ({
    round: index + 1, counts: 1, totalNs: medianNs, meanNs: medianNs, minNs: medianNs, maxNs: medianNs, stdNs: 0,
    p10Ns: medianNs, p25Ns: medianNs, medianNs, p75Ns: medianNs, p90Ns: medianNs,
  }));
}

const timeline = (...versions: string[]): HistoryRun[] => versions.map((version, index) => ({ version, timestamp: index, rounds: 1 }));

describe('zonePoint', () => {
  it('with rounds: the median of the round medians, spread p10–p90 of them', () => {
    const point = zonePoint(zone('z', { rounds: rounds([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]) }));
    expect(point.location).toBe(55);
    // Linear interpolation between order statistics: 10 + 0.9 · 10 and 91 + … as numpy's default.
    expect(point.low).toBeCloseTo(19, 9);
    expect(point.high).toBeCloseTo(91, 9);
    expect(point.rounds).toBe(10);
  });

  it('without rounds (or one round): the mean, spread min–max of the calls', () => {
    expect(zonePoint(zone('z', { meanNs: 1000, minNs: 900, maxNs: 1300 }))).toEqual({ location: 1000, low: 900, high: 1300, rounds: 0 });
    const one = zonePoint(zone('z', { minNs: 5, maxNs: 50, rounds: rounds([20]) }));
    expect(one).toEqual({ location: 20, low: 5, high: 50, rounds: 0 });
  });
});

describe('HistoryBuilder', () => {
  it('finds each zone of the comparison in every run by file and name, leaves a gap where it did not run', () => {
    const old = zoneRun(meta('0.9.0'), [profile('app', [zone('a', { meanNs: 800 }), zone('moved', { srcLine: 3, meanNs: 700 })])]);
    const base = zoneRun(meta('1.0.0'), [profile('app', [zone('a', { meanNs: 900 }), zone('moved', { srcLine: 5, meanNs: 710 }), zone('gone', { meanNs: 50 })])]);
    const current = zoneRun(meta('1.1.0'), [profile('app', [zone('a', { meanNs: 1000 }), zone('moved', { srcLine: 9, meanNs: 720 }), zone('fresh', { meanNs: 5 })])]);
    const comparison = compareRuns(current, base);
    const names = comparison.profiles[0]!.zones.map((entry) => entry.name);
    expect([...names].sort()).toEqual(['a', 'fresh', 'gone', 'moved']);

    const builder = new HistoryBuilder(comparison, timeline('0.9.0', '1.0.0', '1.1.0'));
    [old, base, current].forEach((run, index) => builder.add(index, run));
    const history = builder.finish({ currentIndex: 2, baselineIndex: 1, omittedRuns: 0, limit: 30, unreadable: [] });
    const locations = (name: string) => historyPoints(history, 0, names.indexOf(name)).map((point) => point?.location);
    expect(locations('a')).toEqual([800, 900, 1000]);
    // An edit above a zone moves its line: it keeps its history.
    expect(locations('moved')).toEqual([700, 710, 720]);
    expect(locations('fresh')).toEqual([undefined, undefined, 5]);
    // A removed zone has its past.
    expect(locations('gone')).toEqual([undefined, 50, undefined]);
  });

  it('a profile missing from a run leaves gaps, a profile only in that run adds nothing', () => {
    const current = zoneRun(meta('1.1.0'), [profile('app', [zone('a')])]);
    const other = zoneRun(meta('1.0.0'), [profile('elsewhere', [zone('a')])]);
    const comparison = compareRuns(current, undefined);
    const builder = new HistoryBuilder(comparison, timeline('1.0.0', '1.1.0'));
    builder.add(0, other);
    builder.add(1, current);
    const history = builder.finish({ currentIndex: 1, omittedRuns: 0, limit: 30, unreadable: [] });
    expect(history.profiles.map((entry) => entry.name)).toEqual(['app']);
    expect(historyPoints(history, 0, 0).map((point) => point?.location)).toEqual([undefined, 1000]);
  });

  it('functions: inclusive time per run, no spread', () => {
    const fn = (seconds: number) => ({ functionName: 'parse', file: 'src/p.ts', line: 3, samples: 10, selfSeconds: seconds / 2, totalSeconds: seconds });
    const cpu = (version: string, seconds: number) =>
      functionRun(meta(version, { backend: 'cpuprofile' }), [{ name: 'test__a', sourcePath: 'a.cpuprofile', functions: [fn(seconds)], totalSamples: 1000, durationSeconds: 1 }]);
    const base = cpu('1.0.0', 0.25);
    const current = cpu('1.1.0', 0.5);
    const builder = new HistoryBuilder(compareFunctionRuns(current, base), timeline('1.0.0', '1.1.0'));
    builder.add(0, base);
    builder.add(1, current);
    const points = historyPoints(builder.finish({ currentIndex: 1, baselineIndex: 0, omittedRuns: 0, limit: 30, unreadable: [] }), 0, 0);
    expect(points.map((point) => point?.location)).toEqual([0.25e9, 0.5e9]);
    expect(Number.isNaN(points[0]!.low)).toBe(true);
  });
});
