import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { formatTextSummary } from '../../src/render/text-summary.js';
import { fixtureRun, roundsFixtureRun } from '../support/tracy-fixture.js';

describe('formatTextSummary', () => {
  it('prints counts, the rule, the noise line and the worst regressions of the rounds fixture pair', () => {
    const text = formatTextSummary(compareRuns(roundsFixtureRun('1.1.0'), roundsFixtureRun('1.0.0')), { projectName: 'app' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('perf-report: app 1.1.0 vs 1.0.0');
    expect(lines[1]).toBe('  1 profile, 89 zones, 8,880 calls, 31.5 s profiled');
    expect(lines[2]).toMatch(/^ {2}5 regressions, 1 improvement, \d+ unconfirmed, 0 new, 0 removed$/);
    expect(lines[3]).toBe("  rule: |Δ| ≥ 5% of the round medians, confirmed by Welch's t on 10 vs 10 rounds at a 1% false discovery rate over all zones");
    expect(lines[4]).toMatch(
      /^ {2}noise: \d+ of 89 zones could confirm a 5% change, \d+ a 10% change, \d+ a 25% change \(median detectable change \d+%\); \d+ ran at two speed levels from round to round \(JIT modes\), \d+ judged within the levels$/,
    );
    expect(lines[5]).toBe('  worst regressions:');
    expect(text).toMatch(/\+228%  sort numbers  \[suite, src\/work\.js:9\]  55\.7 µs -> 196 µs, q < 0\.001, detectable 50%/);
    expect(lines).toHaveLength(11);
  });

  it('says when no zone can be judged, and how many rounds a verdict would need', () => {
    const text = formatTextSummary(compareRuns(fixtureRun('1.1.0'), fixtureRun('1.0.0')));
    expect(text.split('\n').slice(2)).toEqual([
      '  0 regressions, 0 improvements, 0 unconfirmed, 39 not judged, 1 new, 1 removed',
      '  not judged: 1 vs 1 round cannot confirm a change; record 5 or more rounds on each side, 10 for changes of 20% (the rounds option, perf-report vitest|jest --perf-rounds N, or perf-report ab)',
    ]);
  });

  it('cautions when the baseline was measured on another CPU or with coverage, and only then', () => {
    const baseline = roundsFixtureRun('1.0.0');
    const current = roundsFixtureRun('1.1.0');
    const elsewhere = { ...current, meta: { ...current.meta, processor: 'AMD EPYC 7763 64-Core Processor', coverage: 'v8' } };
    baseline.meta = { ...baseline.meta, processor: 'Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz', coverage: 'off' };
    const lines = formatTextSummary(compareRuns(elsewhere, baseline)).split('\n');
    expect(lines[3]).toBe(
      '  measured under other conditions than the baseline (CPU Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz → AMD EPYC 7763 64-Core Processor; coverage off → v8): a change may come from them rather than from the code',
    );
    expect(lines[4]).toMatch(/^ {2}rule: /);
    const same = formatTextSummary(compareRuns({ ...current, meta: { ...baseline.meta, version: '1.1.0' } }, baseline));
    expect(same).not.toContain('other conditions');
  });

  it('says when nothing was compared', () => {
    const text = formatTextSummary(compareRuns(fixtureRun('1.0.0'), undefined));
    expect(text).toBe(
      ['perf-report: 1.0.0', '  1 profile, 40 zones, 2,431 calls, 453 ms profiled', '  no baseline: nothing compared'].join('\n'),
    );
  });
});
