import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { makeProfile } from '../../src/model/profile.js';
import { fixtureRun, makeRun, zone } from '../support/tracy-fixture.js';

describe('compareRuns on the tracy-csvexport fixtures (1.1.0 vs 1.0.0)', () => {
  const comparison = compareRuns(fixtureRun('1.1.0'), fixtureRun('1.0.0'));
  const app = comparison.profiles[0]!;
  const byVerdict = (verdict: string) =>
    app.zones.filter((z) => z.verdict === verdict).map((z) => z.name).sort();

  it('finds exactly the changes listed in the fixture manifest', () => {
    expect(byVerdict('regression')).toEqual([
      'db > insert 1000 rows',
      'parser > round-trips large documents',
      'unicode > µs → 日本語 ✓',
    ]);
    expect(byVerdict('improvement')).toEqual(['parser > handles, commas in names', 'render > updates 500 list items']);
    expect(byVerdict('new')).toEqual(['parser > parses BigInt literals']);
    expect(byVerdict('removed')).toEqual(['cache > hit ratio above 0.9']);
    expect(comparison.counts).toEqual({ regression: 3, improvement: 2, unconfirmed: 0, unchanged: 34, new: 1, removed: 1 });
    expect(comparison.matchedZones).toBe(39);
    expect(comparison.baselineVersion).toBe('1.0.0');
  });

  it('computes Δ mean from the stored means', () => {
    const insert = app.zones.find((z) => z.name === 'db > insert 1000 rows')!;
    const expected = ((insert.current!.meanNs - insert.baseline!.meanNs) / insert.baseline!.meanNs) * 100;
    expect(insert.deltaPercent).toBeCloseTo(expected, 10);
    expect(insert.deltaPercent).toBeGreaterThan(45);
    expect(insert.deltaPercent).toBeLessThan(55);
    expect(insert.pValue).toBeLessThan(0.01);
  });

  it('ranks the top regressions by Δ and the improvements by the largest drop', () => {
    const regressions = comparison.topRegressions.map((z) => z.deltaPercent!);
    expect(regressions).toEqual([...regressions].sort((a, b) => b - a));
    expect(comparison.topImprovements[0]!.name).toBe('render > updates 500 list items');
    expect(comparison.topImprovements).toHaveLength(2);
  });

  it('keeps the current order and appends removed zones', () => {
    expect(app.zones.slice(0, -1).map((z) => z.current!.name)).toEqual(fixtureRun('1.1.0').profiles[0]!.records.map((r) => r.name));
    expect(app.zones.at(-1)!.verdict).toBe('removed');
    expect(app.zones.at(-1)!.baseline!.counts).toBe(10);
  });

  it('takes the total time from the capture span, not the sum of nested zone totals', () => {
    const records = fixtureRun('1.1.0').profiles[0]!.records;
    expect(comparison.totals.zones).toBe(40);
    expect(comparison.totals.calls).toBe(records.reduce((sum, r) => sum + r.counts, 0));
    // Largest zone: db > insert 1000 rows, 28,633,900 ns = 6.221239 % of the span.
    expect(Math.round(comparison.totals.spanNs)).toBe(Math.round((28_633_900 / 6.221239) * 100));
  });

  it('honours a larger threshold and a stricter alpha', () => {
    expect(compareRuns(fixtureRun('1.1.0'), fixtureRun('1.0.0'), { threshold: 45.3 }).counts.regression).toBe(2);
    const strict = compareRuns(fixtureRun('1.1.0'), fixtureRun('1.0.0'), { alpha: 1e-30 });
    expect(strict.counts.regression + strict.counts.improvement).toBe(0);
    expect(strict.counts.unconfirmed).toBe(5);
  });
});

describe('compareRuns verdicts', () => {
  const run = (version: string, zones: ReturnType<typeof zone>[]) => makeRun(version, [makeProfile('p', 'p.csv', zones)]);

  it('shows a large change with a single call as unconfirmed, never confirmed', () => {
    const result = compareRuns(
      run('2', [zone('once', { counts: 1, meanNs: 30_000, stdNs: 0 })]),
      run('1', [zone('once', { counts: 1, meanNs: 10_000, stdNs: 0 })]),
    );
    const once = result.profiles[0]!.zones[0]!;
    expect(once.verdict).toBe('unconfirmed');
    expect(once.deltaPercent).toBe(200);
    expect(once.pValue).toBeUndefined();
    expect(result.topRegressions).toEqual([]);
  });

  it('calls a significant change below the threshold unchanged, and a noisy large one unconfirmed', () => {
    const result = compareRuns(
      run('2', [
        zone('small', { meanNs: 10_400, stdNs: 10, counts: 1000 }),
        zone('noisy', { meanNs: 13_000, stdNs: 20_000, counts: 5 }),
        zone('slower', { meanNs: 12_000, stdNs: 100, counts: 50 }),
      ]),
      run('1', [
        zone('small', { meanNs: 10_000, stdNs: 10, counts: 1000 }),
        zone('noisy', { meanNs: 10_000, stdNs: 20_000, counts: 5 }),
        zone('slower', { meanNs: 10_000, stdNs: 100, counts: 50 }),
      ]),
    );
    const verdicts = Object.fromEntries(result.profiles[0]!.zones.map((z) => [z.name, z.verdict]));
    expect(verdicts).toEqual({ small: 'unchanged', noisy: 'unconfirmed', slower: 'regression' });
  });

  it('marks everything new without a baseline and reports no baseline version', () => {
    const result = compareRuns(run('1', [zone('a'), zone('b')]), undefined);
    expect(result.baselineVersion).toBeUndefined();
    expect(result.matchedZones).toBe(0);
    expect(result.counts.new).toBe(2);
  });

  it('lists profiles present in one run only', () => {
    const current = makeRun('2', [makeProfile('kept', 'k.csv', [zone('a')]), makeProfile('added', 'a.csv', [zone('x')])]);
    const baseline = makeRun('1', [makeProfile('kept', 'k.csv', [zone('a')]), makeProfile('gone', 'g.csv', [zone('y'), zone('z')])]);
    const result = compareRuns(current, baseline);
    expect(result.profiles.map((p) => [p.name, p.presence])).toEqual([
      ['kept', 'both'],
      ['added', 'current-only'],
      ['gone', 'baseline-only'],
    ]);
    expect(result.counts).toMatchObject({ unchanged: 1, new: 1, removed: 2 });
  });
});
