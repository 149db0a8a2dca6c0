import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { makeProfile } from '../../src/model/profile.js';
import type { ZoneRound, ZoneStat } from '../../src/model/zone-stat.js';
import { fixtureRun, makeRun, roundsFixtureRun, zone } from '../support/tracy-fixture.js';

describe('compareRuns on the rounds fixtures (three zones changed on purpose, 10 rounds a side)', () => {
  const comparison = compareRuns(roundsFixtureRun('1.1.0'), roundsFixtureRun('1.0.0'));
  const suite = comparison.profiles[0]!;
  const find = (name: string) => suite.zones.find((z) => z.name === name)!;

  it('confirms the changed user zones and nothing among the untouched ones', () => {
    expect(find('fnv hash').verdict).toBe('regression');
    expect(find('sort numbers').verdict).toBe('regression');
    expect(find('json round trip').verdict).toBe('improvement');
    expect(find('sum squares').verdict).not.toMatch(/regression|improvement/);
    expect(find('regex scan').verdict).not.toMatch(/regression|improvement/);
    // Only the changed zones and what contains them are confirmed.
    const confirmed = suite.zones.filter((z) => z.verdict === 'regression' || z.verdict === 'improvement').map((z) => z.name);
    for (const name of confirmed) expect(name).toMatch(/fnv hash|sort numbers|json round trip|sortWork|hashWork|jsonWork|file [023]|run test\/file[023]/);
    expect(comparison.counts.unjudged).toBe(0);
    expect(comparison.matchedZones).toBe(89);
  });

  it('takes Δ from the run-level medians and gives each zone its rounds, q-value and detectable change', () => {
    const sort = find('sort numbers');
    expect(sort.rounds).toEqual({ current: 10, baseline: 10 });
    // Three times the work, measured on a loaded machine: about 3.5× the time.
    expect(sort.deltaPercent).toBeGreaterThan(150);
    expect(sort.qValue).toBeLessThan(0.01);
    expect(sort.pValue).toBeLessThanOrEqual(sort.qValue!);
    expect(sort.mdePercent).toBeGreaterThan(0);
    expect(sort.mdePercent).toBeLessThan(sort.deltaPercent!);
  });

  it('says how much the run could see', () => {
    expect(comparison.noise).toMatchObject({ matched: 89, judged: 89, rounds: { current: 10, baseline: 10 }, pooledBaseline: false });
    const { detectable } = comparison.noise!;
    expect(detectable[5]).toBeLessThanOrEqual(detectable[10]);
    expect(detectable[10]).toBeLessThanOrEqual(detectable[25]);
  });

  it('ranks the top regressions by Δ and the improvements by the largest drop', () => {
    const regressions = comparison.topRegressions.map((z) => z.deltaPercent!);
    expect(regressions).toEqual([...regressions].sort((a, b) => b - a));
    expect(comparison.topImprovements.map((z) => z.name)).toContain('json round trip');
  });

  it('honours a larger threshold and a stricter false discovery rate', () => {
    const large = compareRuns(roundsFixtureRun('1.1.0'), roundsFixtureRun('1.0.0'), { threshold: 200 });
    expect(large.profiles[0]!.zones.find((z) => z.name === 'fnv hash')!.verdict).toBe('unchanged');
    expect(large.profiles[0]!.zones.find((z) => z.name === 'sort numbers')!.verdict).toBe('regression');
    // At a false discovery rate of one in a million only the clearest change is left.
    const strict = compareRuns(roundsFixtureRun('1.1.0'), roundsFixtureRun('1.0.0'), { alpha: 1e-6 });
    expect(strict.profiles[0]!.zones.filter((z) => z.verdict === 'regression').map((z) => z.name)).toEqual(['sort numbers']);
    expect(strict.counts.improvement).toBe(0);
  });
});

describe('compareRuns on single runs (the tracy-csvexport fixtures, no rounds)', () => {
  const comparison = compareRuns(fixtureRun('1.1.0'), fixtureRun('1.0.0'));
  const app = comparison.profiles[0]!;

  it('judges nothing: one run a side says nothing of run-to-run noise, so no change is claimed', () => {
    expect(comparison.counts).toEqual({ regression: 0, improvement: 0, unconfirmed: 0, unchanged: 0, unjudged: 39, new: 1, removed: 1 });
    expect(comparison.noise).toMatchObject({ matched: 39, judged: 0, rounds: { current: 1, baseline: 1 } });
  });

  it('still shows Δ, from the means', () => {
    const insert = app.zones.find((z) => z.name === 'db > insert 1000 rows')!;
    const expected = (insert.current!.totalNs / insert.current!.counts / (insert.baseline!.totalNs / insert.baseline!.counts) - 1) * 100;
    expect(insert.deltaPercent).toBeCloseTo(expected, 8);
    expect(insert.mdePercent).toBe(Number.POSITIVE_INFINITY);
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
});

/** A zone whose rounds have these medians (ns); every round has 100 calls. */
function zoneOfRounds(name: string, medians: readonly number[]): ZoneStat {
  const rounds: ZoneRound[] = medians.map((median, index) => ({
    round: index + 1,
    counts: 100,
    totalNs: median * 100,
    meanNs: median,
    minNs: median * 0.9,
    maxNs: median * 1.5,
    stdNs: median * 0.1,
    p10Ns: median * 0.95,
    p25Ns: median * 0.98,
    medianNs: median,
    p75Ns: median * 1.02,
    p90Ns: median * 1.05,
  }));
  const totalNs = rounds.reduce((sum, round) => sum + round.totalNs, 0);
  return zone(name, { counts: 100 * medians.length, totalNs, meanNs: Math.floor(totalNs / (100 * medians.length)), rounds });
}

/** `count` values around `center` with the given relative spread, the same for a given seed. */
function scattered(center: number, spread: number, count: number, seed: number): number[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => center * Math.exp(spread * (next() + next() + next() - 1.5)));
}

describe('compareRuns verdicts on rounds', () => {
  const run = (version: string, zones: ZoneStat[]) => makeRun(version, [makeProfile('p', 'p.csv', zones)]);

  it('confirms a clear shift, calls a small one unchanged and a noisy large one unconfirmed', () => {
    const result = compareRuns(
      run('2', [
        zoneOfRounds('slower', scattered(12_000, 0.02, 10, 1)),
        zoneOfRounds('small', scattered(10_200, 0.02, 10, 2)),
        zoneOfRounds('noisy', scattered(12_000, 1.5, 10, 3)),
      ]),
      run('1', [
        zoneOfRounds('slower', scattered(10_000, 0.02, 10, 4)),
        zoneOfRounds('small', scattered(10_000, 0.02, 10, 5)),
        zoneOfRounds('noisy', scattered(10_000, 1.5, 10, 6)),
      ]),
    );
    const verdicts = Object.fromEntries(result.profiles[0]!.zones.map((z) => [z.name, z.verdict]));
    expect(verdicts).toEqual({ slower: 'regression', small: 'unchanged', noisy: 'unconfirmed' });
    const byName = Object.fromEntries(result.profiles[0]!.zones.map((z) => [z.name, z]));
    expect(byName.slower!.mdePercent).toBeLessThan(10);
    expect(byName.noisy!.mdePercent).toBeGreaterThan(50);
  });

  it('confirms a test that runs once per round, given rounds', () => {
    const once = (medians: number[]) => zoneOfRounds('once', medians).rounds!.map((round) => ({ ...round, counts: 1, totalNs: round.medianNs }));
    const current = zone('once', { counts: 10, rounds: once(scattered(30_000, 0.03, 10, 7)) });
    const baseline = zone('once', { counts: 10, rounds: once(scattered(10_000, 0.03, 10, 8)) });
    const result = compareRuns(run('2', [current]), run('1', [baseline]));
    expect(result.profiles[0]!.zones[0]!.verdict).toBe('regression');
  });

  it('does not judge a zone with one round a side, and says how many rounds would do', () => {
    const result = compareRuns(run('2', [zoneOfRounds('a', [30_000])]), run('1', [zoneOfRounds('a', [10_000])]));
    const a = result.profiles[0]!.zones[0]!;
    expect(a.verdict).toBe('unjudged');
    expect(a.deltaPercent).toBeCloseTo(200, 8);
    expect(result.topRegressions).toEqual([]);
  });

  it('gives an A/A comparison of a hundred zones no false alarm: the family is judged together', () => {
    const zonesOf = (seed: number) => Array.from({ length: 100 }, (_, i) => zoneOfRounds(`zone ${i}`, scattered(10_000 + i * 100, 0.05, 10, seed + i * 7)));
    const result = compareRuns(run('2', zonesOf(1000)), run('1', zonesOf(5000)));
    expect(result.counts.regression + result.counts.improvement).toBe(0);
    // Each zone on its own would cross p < 0.01 about once in this many zones.
    const rawHits = result.profiles[0]!.zones.filter((z) => (z.pValue ?? 1) < 0.01 && Math.abs(z.deltaPercent ?? 0) >= 5).length;
    expect(rawHits).toBeLessThanOrEqual(3);
  });

  it('compares with a baseline stored before rounds existed: its pooled mean against the current rounds', () => {
    const current = zoneOfRounds('a', scattered(20_000, 0.02, 10, 9));
    const pooled = zone('a', { counts: 1000, totalNs: 10_000_000, meanNs: 10_000 });
    const result = compareRuns(run('2', [current]), run('1', [pooled]));
    const a = result.profiles[0]!.zones[0]!;
    expect(a.pooledSide).toBe('baseline');
    expect(a.verdict).toBe('regression');
    expect(result.noise!.pooledBaseline).toBe(true);
  });

  it('marks everything new without a baseline and reports no baseline version', () => {
    const result = compareRuns(run('1', [zone('a'), zone('b')]), undefined);
    expect(result.baselineVersion).toBeUndefined();
    expect(result.noise).toBeUndefined();
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
    expect(result.counts).toMatchObject({ unjudged: 1, new: 1, removed: 2 });
  });
});
