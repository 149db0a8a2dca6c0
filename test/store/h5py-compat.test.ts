import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractAll } from '../../src/extract/extract-all.js';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { repoRoot, tracyFixtures } from '../support/fixtures.js';
import { functionRun, meta, zoneRun } from '../support/runs.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** Debian's python3-h5py (installed by .ci/run): the original tool's readers use h5py. */
function readWithH5py(h5Path: string): Record<string, any> {
  const json = execFileSync('/usr/bin/python3', [join(repoRoot, 'test/support/read_profiles.py'), h5Path], { encoding: 'utf8' });
  return JSON.parse(json);
}

describe('files we write, read by h5py as the original tool reads them', () => {
  it('give back the CSV values, field by field, with UTF-8 names', async () => {
    const h5 = join(tempDir(), 'profiles.h5');
    const storage = new ProfileStorage(h5);
    for (const version of ['1.0.0', '1.1.0']) {
      const profiles = await extractAll(join(tracyFixtures, `app.${version}.csv`), { version });
      await storage.save(zoneRun(meta(version, { gitCommit: 'deadbeef' }), profiles));
    }
    const read = readWithH5py(h5);
    expect(Object.keys(read).sort()).toEqual(['1.0.0/linux-x64-node20', '1.1.0/linux-x64-node20']);

    for (const version of ['1.0.0', '1.1.0']) {
      const run = read[`${version}/linux-x64-node20`];
      expect(run.meta).toMatchObject({ bundle_version: version, platform_id: 'linux-x64-node20', backend: 'tracy', git_commit: 'deadbeef' });
      expect(typeof run.meta.timestamp).toBe('number');
      const stored = run.profiles.app;
      expect(stored.dtype).toEqual([
        ['name', '|S128'], ['src_file', '|S256'], ['src_line', '<i4'], ['total_ns', '<i8'], ['total_perc', '<f8'],
        ['counts', '<i8'], ['mean_ns', '<i8'], ['min_ns', '<i8'], ['max_ns', '<i8'], ['std_ns', '<f8'],
      ]);
      const [csv] = await extractAll(join(tracyFixtures, `app.${version}.csv`), { version });
      expect(stored.total_calls).toBe(csv!.totalCalls);
      expect(stored.path).toBe(join(tracyFixtures, `app.${version}.csv`));
      expect(stored.rows).toEqual(
        csv!.records.map((z) => ({
          name: z.name, src_file: z.srcFile, src_line: z.srcLine, total_ns: z.totalNs, total_perc: z.totalPerc,
          counts: z.counts, mean_ns: z.meanNs, min_ns: z.minNs, max_ns: z.maxNs, std_ns: z.stdNs,
        })),
      );
      expect(stored.rows.map((r: { name: string }) => r.name)).toContain('unicode > µs → 日本語 ✓');
    }
  });

  it('widened string fields stay readable', async () => {
    const h5 = join(tempDir(), 'profiles.h5');
    const longName = `suite > ${'测试'.repeat(60)}`; // 368 bytes of UTF-8
    await new ProfileStorage(h5).save(
      zoneRun(meta('1.0.0'), [
        { name: 'p', sourcePath: 'p.csv', totalCalls: 1, records: [{ name: longName, srcFile: 'a.ts', srcLine: 1, totalNs: 5, totalPerc: 1, counts: 1, meanNs: 5, minNs: 5, maxNs: 5, stdNs: 0 }] },
      ]),
    );
    const stored = readWithH5py(h5)['1.0.0/linux-x64-node20'].profiles.p;
    expect(stored.dtype[0]).toEqual(['name', '|S368']);
    expect(stored.rows[0].name).toBe(longName);
  });

  it('a NUL in a name reads back, here and in h5py, as the two characters \\0', async () => {
    const h5 = join(tempDir(), 'profiles.h5');
    const storage = new ProfileStorage(h5);
    const record = { name: 'parseURL > \u0000javascript:', srcFile: 'a.ts', srcLine: 1, totalNs: 5, totalPerc: 1, counts: 1, meanNs: 5, minNs: 5, maxNs: 5, stdNs: 0 };
    await storage.save(zoneRun(meta('1.0.0'), [{ name: 'p', sourcePath: 'p.csv', totalCalls: 1, records: [record] }]));
    const [loaded] = await storage.loadProfiles('1.0.0', 'linux-x64-node20');
    expect(loaded?.records[0]?.name).toBe('parseURL > \\0javascript:');
    expect(readWithH5py(h5)['1.0.0/linux-x64-node20'].profiles.p.rows[0].name).toBe('parseURL > \\0javascript:');
  });
});

describe('cpuprofile runs, read by h5py', () => {
  it('use the original cProfile record fields and sit beside the zone run', async () => {
    const h5 = join(tempDir(), 'profiles.h5');
    const storage = new ProfileStorage(h5);
    const zones = await extractAll(join(tracyFixtures, 'app.1.0.0.csv'), { version: '1.0.0' });
    await storage.save(zoneRun(meta('1.0.0'), zones));
    await storage.save(functionRun(meta('1.0.0', { backend: 'cpuprofile' }), [{
      name: 'math.test.ts', sourcePath: 'perf/cpuprofile/math.test.ts.cpuprofile', totalSamples: 40, durationSeconds: 0.004,
      functions: [{ functionName: 'hotLoop', file: 'src/hot.ts', line: 3, samples: 30, selfSeconds: 0.003, totalSeconds: 0.0035 }],
    }]));
    const read = readWithH5py(h5);
    expect(Object.keys(read).sort()).toEqual(['1.0.0/linux-x64-node20', '1.0.0/linux-x64-node20@cpuprofile']);
    expect(read['1.0.0/linux-x64-node20'].profiles.app.rows).toHaveLength(40);
    const cpu = read['1.0.0/linux-x64-node20@cpuprofile'];
    expect(cpu.meta.backend).toBe('cpuprofile');
    expect(cpu.profiles['math.test.ts'].dtype).toEqual([
      ['file', '|S256'], ['line_number', '<i4'], ['function', '|S128'], ['call_count', '<i8'], ['total_time', '<f8'], ['cumulative_time', '<f8'],
    ]);
    expect(cpu.profiles['math.test.ts'].rows).toEqual([
      { file: 'src/hot.ts', line_number: 3, function: 'hotLoop', call_count: 30, total_time: 0.003, cumulative_time: 0.0035 },
    ]);
  });
});
