import { describe, expect, it } from 'vitest';
import { compareFunctionRuns, inclusiveSamples } from '../../src/compare/compare-functions.js';
import type { FunctionComparison } from '../../src/compare/comparison.js';
import type { FunctionProfile, FunctionStat } from '../../src/model/function-stat.js';
import type { FunctionRun } from '../../src/model/run.js';
import { fixtureRun } from '../support/tracy-fixture.js';

/** A function with `inclusive` seconds; self time is half of it, one sample per ms. */
function fn(functionName: string, inclusive: number, line = 1, file = 'src/app.js'): FunctionStat {
  return { functionName, file, line, samples: Math.round(inclusive * 500), selfSeconds: inclusive / 2, totalSeconds: inclusive };
}

/** 1 s of profile at one sample per millisecond unless told: shares are inclusive seconds / duration. */
function profile(name: string, functions: FunctionStat[], durationSeconds = 1, totalSamples = 1000): FunctionProfile {
  return { name, sourcePath: `${name}.cpuprofile`, functions: [...functions].sort((a, b) => b.totalSeconds - a.totalSeconds), totalSamples, durationSeconds };
}

function run(version: string, profiles: FunctionProfile[]): FunctionRun {
  const meta = { ...fixtureRun(version).meta, backend: 'cpuprofile' };
  return { kind: 'functions', version, platformId: meta.platformId, meta, profiles };
}

const baseline = run('1.0.0', [
  profile('app', [
    fn('hot', 0.3),
    fn('fast', 0.36),
    fn('steady', 0.5),
    fn('wobbly', 0.1),
    fn('rare', 0.003),
    fn('gone', 0.05),
    fn('(anonymous)', 0.2, 10),
    fn('(anonymous)', 0.2, 40),
  ]),
  // Twice as long in the current run with the same functions: shares and times disagree.
  profile('longer', [fn('diluted', 0.5)]),
  profile('dropped', [fn('old', 0.4)]),
]);
const current = run('1.1.0', [
  profile('app', [
    fn('hot', 0.36),
    fn('fast', 0.25),
    fn('steady', 0.51),
    fn('wobbly', 0.11),
    fn('rare', 0.001),
    fn('added', 0.05),
    // Both anonymous functions moved down 3 lines; the second one slowed down.
    fn('(anonymous)', 0.2, 13),
    fn('(anonymous)', 0.4, 43),
  ]),
  profile('longer', [fn('diluted', 0.6)], 2, 2000),
  profile('fresh', [fn('brand', 0.4)]),
]);

const comparison = compareFunctionRuns(current, baseline);
const find = (profileName: string, name: string, line?: number): FunctionComparison =>
  comparison.profiles
    .find((p) => p.name === profileName)!
    .functions.find((f) => f.functionName === name && (line === undefined || f.line === line))!;

describe('compareFunctionRuns on hand-built profiles', () => {
  it('confirms a regression: +20% inclusive time, share 0.30 → 0.36 (z = 2.853, p = 0.0043)', () => {
    const hot = find('app', 'hot');
    expect(hot.verdict).toBe('regression');
    expect(hot.deltaPercent).toBeCloseTo(20, 9);
    expect(hot.currentShare).toBe(0.36);
    expect(hot.baselineShare).toBe(0.3);
    expect(hot.pValue).toBeCloseTo(0.004327272365904403, 6);
  });

  it('confirms an improvement: -30.6% inclusive time, share 0.36 → 0.25 (p ≈ 9e-8)', () => {
    const fast = find('app', 'fast');
    expect(fast.verdict).toBe('improvement');
    expect(fast.deltaPercent).toBeCloseTo(((0.25 - 0.36) / 0.36) * 100, 9);
    expect(fast.pValue).toBeLessThan(1e-6);
  });

  it('leaves a change below the threshold unchanged, and a large one the test cannot confirm unconfirmed', () => {
    expect(find('app', 'steady')).toMatchObject({ verdict: 'unchanged' });
    const wobbly = find('app', 'wobbly');
    expect(wobbly.verdict).toBe('unconfirmed');
    expect(wobbly.deltaPercent).toBeCloseTo(10, 9);
    expect(wobbly.pValue).toBeCloseTo(0.46574358793363524, 6);
  });

  it('does not test with expected counts below 5 (3 and 1 samples of 1000)', () => {
    const rare = find('app', 'rare');
    expect(rare.verdict).toBe('unconfirmed');
    expect(rare.pValue).toBeUndefined();
    expect(rare.deltaPercent).toBeCloseTo(-66.67, 1);
  });

  it('keeps a time that grew while its share shrank unconfirmed', () => {
    // 0.5 s of 1 s → 0.6 s of 2 s: +20% time, share 0.5 → 0.3 (p ≈ 1e-26, but the other way)
    const diluted = find('longer', 'diluted');
    expect(diluted.deltaPercent).toBeCloseTo(20, 9);
    expect(diluted.pValue).toBeLessThan(1e-20);
    expect(diluted.verdict).toBe('unconfirmed');
  });

  it('names new and removed functions, and matches by file and name with the line breaking ties', () => {
    expect(find('app', 'added').verdict).toBe('new');
    expect(find('app', 'added').baseline).toBeUndefined();
    expect(find('app', 'gone').verdict).toBe('removed');
    expect(find('app', 'gone').current).toBeUndefined();
    expect(find('app', '(anonymous)', 13)).toMatchObject({ verdict: 'unchanged', baseline: { line: 10 } });
    expect(find('app', '(anonymous)', 43)).toMatchObject({ verdict: 'regression', baseline: { line: 40 } });
  });

  it('keeps the current order by inclusive time, removed functions last', () => {
    const app = comparison.profiles.find((p) => p.name === 'app')!;
    expect(app.functions.map((f) => f.functionName)).toEqual([
      'steady', '(anonymous)', 'hot', 'fast', '(anonymous)', 'wobbly', 'added', 'rare', 'gone',
    ]);
    expect(app.counts).toEqual({ regression: 2, improvement: 1, unconfirmed: 2, unchanged: 2, unjudged: 0, new: 1, removed: 1 });
  });

  it('handles profiles present in one run only and sums the run', () => {
    const presence = Object.fromEntries(comparison.profiles.map((p) => [p.name, p.presence]));
    expect(presence).toEqual({ app: 'both', longer: 'both', fresh: 'current-only', dropped: 'baseline-only' });
    expect(find('fresh', 'brand').verdict).toBe('new');
    expect(find('dropped', 'old').verdict).toBe('removed');
    expect(comparison.counts).toEqual({ regression: 2, improvement: 1, unconfirmed: 3, unchanged: 2, unjudged: 0, new: 2, removed: 2 });
    expect(comparison.matchedFunctions).toBe(8);
    expect(comparison.totals).toEqual({ profiles: 3, functions: 10, samples: 4000, seconds: 4 });
    expect(comparison.topRegressions.map((f) => [f.functionName, f.line])).toEqual([['(anonymous)', 43], ['hot', 1]]);
    expect(comparison.topImprovements.map((f) => f.functionName)).toEqual(['fast']);
    expect(comparison).toMatchObject({ kind: 'functions', currentVersion: '1.1.0', baselineVersion: '1.0.0', thresholdPercent: 5, alpha: 0.01 });
  });

  it('without a baseline, every function is new', () => {
    const alone = compareFunctionRuns(current, undefined);
    expect(alone.baselineVersion).toBeUndefined();
    expect(alone.counts.new).toBe(10);
    expect(alone.matchedFunctions).toBe(0);
  });

  it('recovers inclusive sample counts from stored seconds', () => {
    expect(inclusiveSamples(fn('x', 0.123456), { totalSamples: 2000, durationSeconds: 2 })).toEqual({ hits: 123, total: 2000 });
    expect(inclusiveSamples(fn('x', 3), { totalSamples: 100, durationSeconds: 2 })).toEqual({ hits: 100, total: 100 });
    expect(inclusiveSamples(fn('x', 1), { totalSamples: 100, durationSeconds: 0 })).toEqual({ hits: 0, total: 0 });
  });
});
