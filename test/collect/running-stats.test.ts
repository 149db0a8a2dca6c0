import { describe, expect, it } from 'vitest';
import { RunningStats } from '../../src/collect/running-stats.js';

describe('RunningStats', () => {
  it('matches hand-computed statistics', () => {
    const stats = new RunningStats();
    for (const value of [2, 4, 4, 4, 5, 5, 7, 9]) stats.add(value);
    // mean 5, squared deviations sum 32, sample variance 32 / 7.
    expect(stats.count).toBe(8);
    expect(stats.total).toBe(40);
    expect(stats.min).toBe(2);
    expect(stats.max).toBe(9);
    expect(stats.integerMean()).toBe(5);
    expect(stats.sampleStd()).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('rounds the mean down like tracy-csvexport and gives 0 spread for one sample', () => {
    const stats = new RunningStats();
    stats.add(7);
    stats.add(8);
    expect(stats.integerMean()).toBe(7);
    const single = new RunningStats();
    single.add(1_000_000_000);
    expect(single.sampleStd()).toBe(0);
  });

  it('stays exact for large nanosecond values where sum of squares would not', () => {
    const stats = new RunningStats();
    const base = 5_000_000_000_000; // 5000 s in ns: its square is far beyond 2^53
    for (const delta of [-1, 1, -1, 1]) stats.add(base + delta);
    // squared deviations sum 4 over n − 1 = 3
    expect(stats.sampleStd()).toBeCloseTo(Math.sqrt(4 / 3), 6);
  });
});

describe('RunningStats against tracy-csvexport', () => {
  it('gives the std_ns and mean_ns that tracy-csvexport wrote for the same events', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tracyFixtures } = await import('../support/fixtures.js');
    // The -u export lists every zone event; the plain export holds the statistics of the same capture.
    const events = readFileSync(join(tracyFixtures, 'app.1.0.0.unwrap.csv'), 'utf8').trim().split('\n').slice(1);
    const stats = new RunningStats();
    for (const line of events) if (line.startsWith('db.connect,')) stats.add(Number(line.split(',')[4]));
    const summary = readFileSync(join(tracyFixtures, 'app.1.0.0.csv'), 'utf8').split('\n').find((line) => line.startsWith('db.connect,'))!.split(',');
    expect(stats.count).toBe(Number(summary[5]));
    expect(stats.integerMean()).toBe(Number(summary[6]));
    // Tracy sums squares; Welford differs only in the last printed digit.
    expect(stats.sampleStd()).toBeCloseTo(Number(summary[9]), 4);
  });
});
