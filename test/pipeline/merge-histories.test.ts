import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeHistories } from '../../src/pipeline/merge-histories.js';
import type { ZoneStat } from '../../src/model/zone-stat.js';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { asZoneRun, functionRun, meta, profile, zone, zoneRun } from '../support/runs.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** A zone's statistics as a recorder computes them from its calls (sample standard deviation). */
function zoneOf(name: string, calls: number[], rounds?: ZoneStat['rounds']): ZoneStat {
  const total = calls.reduce((sum, value) => sum + value, 0);
  const mean = total / calls.length;
  const variance = calls.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (calls.length - 1);
  return zone(name, {
    srcFile: 'src/work.ts',
    srcLine: 7,
    counts: calls.length,
    totalNs: total,
    meanNs: Math.floor(mean),
    minNs: Math.min(...calls),
    maxNs: Math.max(...calls),
    stdNs: Math.sqrt(variance),
    totalPerc: (total / 1_000_000) * 100,
    ...(rounds ? { rounds } : {}),
  });
}

function round(round: number, median: number): NonNullable<ZoneStat['rounds']>[number] {
  return { round, counts: 2, totalNs: 2 * median, meanNs: median, minNs: median, maxNs: median, stdNs: 0, p10Ns: median, p25Ns: median, medianNs: median, p75Ns: median, p90Ns: median };
}

const callsA = [1000, 1100, 1300, 900, 1250];
const callsB = [2000, 2400, 1800];
const history = zoneRun(meta('1.0.0', { timestamp: 100 }), [profile('app', [zone('old')])]);

async function shardFile(dir: string, name: string, index: number, zones: ZoneStat[], overrides: Parameters<typeof meta>[1] = {}): Promise<string> {
  const path = join(dir, name, 'profiles.h5');
  const storage = new ProfileStorage(path);
  await storage.save(history); // every CI job restored the same history
  await storage.save(zoneRun(meta('1.1.0', { shard: `${index}/2`, gitCommit: 'c'.repeat(40), timestamp: 200 + index, ...overrides }), [profile('app', zones)]));
  return path;
}

describe('mergeHistories', () => {
  it('makes one run of the shards, pooling a zone in both exactly, keeps other runs and drops duplicates', async () => {
    const dir = tempDir();
    const first = await shardFile(dir, 'shard1', 1, [zoneOf('shared', callsA, [round(1, 1000), round(2, 1100)]), zoneOf('only in 1', [5, 6, 7])]);
    const second = await shardFile(dir, 'shard2', 2, [zoneOf('shared', callsB, [round(1, 2000), round(2, 2100)]), zoneOf('only in 2', [8, 9])]);
    const matrix = join(dir, 'mac', 'profiles.h5');
    await new ProfileStorage(matrix).save(zoneRun(meta('1.0.0', { platformId: 'darwin-arm64-node20' }), [profile('app', [zone('old')])]));
    const destination = join(dir, 'merged', 'profiles.h5');

    const result = await mergeHistories({ inputs: [join(dir, 'shard1'), second, matrix], destination });
    expect(result.lines).toEqual(['version 1.1.0 on linux-x64-node20: 2 shards merged into one run']);
    expect(result.runs).toBe(3);

    const merged = new ProfileStorage(destination);
    const keys = (await merged.listRuns()).map((run) => `${run.versionKey}/${run.platformKey}`).sort();
    expect(keys).toEqual(['1.0.0/darwin-arm64-node20', '1.0.0/linux-x64-node20', '1.1.0/linux-x64-node20']);
    const run = asZoneRun(await merged.loadRun('1.1.0', 'linux-x64-node20'));
    expect(run.meta.shard).toBeUndefined();
    expect(run.meta).toMatchObject({ timestamp: 202, gitCommit: 'c'.repeat(40), extra: { merged_shards: 2 } });
    const [app] = run.profiles;
    expect(app!.records.map((z) => z.name).sort()).toEqual(['only in 1', 'only in 2', 'shared']);
    // The shared zone is the zone of all its calls, as one recorder would have computed it.
    const all = zoneOf('shared', [...callsA, ...callsB]);
    const shared = app!.records.find((z) => z.name === 'shared')!;
    expect(shared).toMatchObject({ counts: 8, totalNs: all.totalNs, meanNs: all.meanNs, minNs: 900, maxNs: 2400 });
    expect(shared.stdNs).toBeCloseTo(all.stdNs, 6);
    // Each shard's round is a sample of its own: both round-1 rows are kept.
    expect(shared.rounds?.map((entry) => [entry.round, entry.medianNs])).toEqual([[1, 1000], [1, 2000], [2, 1100], [2, 2100]]);
    expect(app!.records.find((z) => z.name === 'only in 2')?.counts).toBe(2);
    expect(app!.totalCalls).toBe(8 + 3 + 2);

    // Merging the same shards again changes nothing and finds no conflict.
    const again = await mergeHistories({ inputs: [first, second], destination });
    expect(again.runs).toBe(3);
    expect(asZoneRun(await merged.loadRun('1.1.0', 'linux-x64-node20')).profiles).toEqual(run.profiles);
  });

  it('refuses a conflict and writes nothing; --prefer newer or older keeps one', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.h5');
    const b = join(dir, 'b.h5');
    await new ProfileStorage(a).save(zoneRun(meta('1.0.0', { timestamp: 100 }), [profile('app', [zone('x', { counts: 3 })])]));
    await new ProfileStorage(b).save(zoneRun(meta('1.0.0', { timestamp: 300 }), [profile('app', [zone('x', { counts: 5 })])]));
    const destination = join(dir, 'out.h5');
    await new ProfileStorage(destination).save(zoneRun(meta('0.9.0'), [profile('app', [zone('x')])]));
    const before = readFileSync(destination);
    await expect(mergeHistories({ inputs: [a, b], destination })).rejects.toThrow(
      /^version 1\.0\.0 on linux-x64-node20 is stored 2 times with different content \(.*a\.h5, stored 1970-01-01 00:01 UTC; .*b\.h5, stored 1970-01-01 00:05 UTC\); pass --prefer newer or --prefer older to keep one; nothing was written$/,
    );
    expect(readFileSync(destination).equals(before)).toBe(true);

    await mergeHistories({ inputs: [a, b], destination, prefer: 'newer' });
    expect(asZoneRun(await new ProfileStorage(destination).loadRun('1.0.0', 'linux-x64-node20')).profiles[0]!.records[0]!.counts).toBe(5);
    await mergeHistories({ inputs: [a], destination, prefer: 'older' });
    expect(asZoneRun(await new ProfileStorage(destination).loadRun('1.0.0', 'linux-x64-node20')).profiles[0]!.records[0]!.counts).toBe(3);
    // The destination's own runs are kept throughout.
    expect((await new ProfileStorage(destination).listVersions()).sort()).toEqual(['0.9.0', '1.0.0']);
  });

  it('keeps an incomplete set of shards as shards, and refuses shards of different commits', async () => {
    const dir = tempDir();
    const first = await shardFile(dir, 'one', 1, [zoneOf('z', callsA)]);
    const destination = join(dir, 'out.h5');
    const partial = await mergeHistories({ inputs: [first], destination });
    expect(partial.lines).toEqual(['version 1.1.0 on linux-x64-node20: shard 2/2 missing; the others are kept as shards, not merged']);
    expect((await new ProfileStorage(destination).listRuns()).map((run) => run.platformKey).sort()).toEqual(['linux-x64-node20', 'linux-x64-node20#shard-1-of-2']);

    const other = await shardFile(dir, 'two', 2, [zoneOf('y', callsB)], { gitCommit: 'd'.repeat(40) });
    await expect(mergeHistories({ inputs: [other], destination })).rejects.toThrow(
      'the shards of version 1.1.0 on linux-x64-node20 ran at different commits (ccccccc, ddddddd): they are not one run',
    );
  });

  it('keeps every shard\'s CPU profiles in the merged run', async () => {
    const dir = tempDir();
    const fn = (samples: number) => ({ functionName: 'hot', file: 'src/a.ts', line: 1, samples, selfSeconds: samples / 1000, totalSeconds: samples / 500 });
    const cpu = (index: number, samples: number) =>
      functionRun(meta('2.0.0', { backend: 'cpuprofile', shard: `${index}/2` }), [
        { name: index === 1 ? 'test__a.test.ts' : 'test__b.test.ts', sourcePath: 'x', functions: [fn(samples)], totalSamples: samples * 2, durationSeconds: 1 },
      ]);
    await new ProfileStorage(join(dir, 'a.h5')).save(cpu(1, 10));
    await new ProfileStorage(join(dir, 'b.h5')).save(cpu(2, 30));
    const destination = join(dir, 'out.h5');
    await mergeHistories({ inputs: [join(dir, 'a.h5'), join(dir, 'b.h5')], destination });
    const profiles = await new ProfileStorage(destination).loadFunctionProfiles('2.0.0', 'linux-x64-node20');
    expect(profiles.map((p) => [p.name, p.functions[0]!.samples]).sort()).toEqual([['test__a.test.ts', 10], ['test__b.test.ts', 30]]);
  });

  it('refuses bad input naming the file, and touches nothing', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.h5');
    await new ProfileStorage(good).save(history);
    const destination = join(dir, 'out.h5');
    await new ProfileStorage(destination).save(zoneRun(meta('0.1.0'), [profile('app', [zone('x')])]));
    const before = readFileSync(destination);

    const text = join(dir, 'notes.h5');
    writeFileSync(text, 'not a history');
    await expect(mergeHistories({ inputs: [good, text], destination })).rejects.toThrow(`${text}: is not an HDF5 file (no HDF5 signature)`);
    const damaged = join(dir, 'damaged.h5');
    copyFileSync(good, damaged);
    truncateSync(damaged, 3000);
    await expect(mergeHistories({ inputs: [good, damaged], destination })).rejects.toThrow(new RegExp(`^${damaged}: is damaged or truncated`));
    await expect(mergeHistories({ inputs: [good, destination], destination })).rejects.toThrow(`${destination}: is one of the inputs`);
    await expect(mergeHistories({ inputs: [good, good], destination })).rejects.toThrow(`${good}: is given twice`);
    await expect(mergeHistories({ inputs: [dir], destination })).rejects.toThrow(`${dir}: is a directory without a profiles.h5`);
    await expect(mergeHistories({ inputs: [join(dir, 'missing.h5')], destination })).rejects.toThrow('missing.h5: no such file or directory');
    expect(readFileSync(destination).equals(before)).toBe(true);
  });
});
