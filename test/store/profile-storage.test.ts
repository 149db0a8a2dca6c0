import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractAll } from '../../src/extract/extract-all.js';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { fitUtf8 } from '../../src/store/compound-rows.js';
import { seedH5, tracyFixtures } from '../support/fixtures.js';
import { asZoneRun, functionRun, meta, profile, zone, zoneRun } from '../support/runs.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

describe('ProfileStorage', () => {
  it('round-trips the fixture CSV exactly', async () => {
    const h5 = join(tempDir(), 'profiles.h5');
    const profiles = await extractAll(join(tracyFixtures, 'app.1.0.0.csv'), { version: '1.0.0' });
    const storage = new ProfileStorage(h5);
    await storage.save(zoneRun(meta('1.0.0'), profiles));
    expect(await storage.listVersions()).toEqual(['1.0.0']);
    expect(await storage.listPlatforms('1.0.0')).toEqual(['linux-x64-node20']);
    const loaded = await storage.loadProfiles('1.0.0', 'linux-x64-node20');
    expect(loaded).toHaveLength(1);
    expect(loaded[0]?.name).toBe('app');
    expect(loaded[0]?.records).toEqual(profiles[0]?.records);
    expect(loaded[0]?.totalCalls).toBe(2431);
    expect(loaded[0]?.sourcePath).toBe(join(tracyFixtures, 'app.1.0.0.csv'));
  });

  it('stores the meta attributes and reads them back', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    const written = meta('2.0.0-rc.1', { gitCommit: 'abc123', processor: 'Test CPU @ 3 GHz', timestamp: 1795632405.25 });
    await storage.save(zoneRun(written, []));
    expect(await storage.loadMeta('2.0.0-rc.1', 'linux-x64-node20')).toEqual(written);
  });

  it('replaces a re-stored version+platform and keeps every other run', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    await storage.save(zoneRun(meta('1.0.0'), [profile('old', [zone('a')]), profile('gone', [zone('b')])]));
    await storage.save(zoneRun(meta('1.0.0', { platformId: 'darwin-arm64-node22' }), [profile('mac', [zone('m')])]));
    await storage.save(zoneRun(meta('1.1.0'), [profile('next', [zone('n')])]));
    await storage.save(zoneRun(meta('1.0.0'), [profile('new', [zone('c', { counts: 7 })])]));
    const rerun = await storage.loadProfiles('1.0.0', 'linux-x64-node20');
    expect(rerun.map((p) => p.name)).toEqual(['new']);
    expect(rerun[0]?.records[0]?.counts).toBe(7);
    expect((await storage.loadProfiles('1.0.0', 'darwin-arm64-node22')).map((p) => p.name)).toEqual(['mac']);
    expect((await storage.loadProfiles('1.1.0', 'linux-x64-node20')).map((p) => p.name)).toEqual(['next']);
  });

  it('stores an empty profile', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    await storage.save(zoneRun(meta('1.0.0'), [profile('empty', [])]));
    const [loaded] = await storage.loadProfiles('1.0.0', 'linux-x64-node20');
    expect(loaded).toMatchObject({ name: 'empty', records: [], totalCalls: 0 });
  });

  it('widens string fields to fit, caps them at 4096 bytes on a character boundary', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    const long = `${'描'.repeat(100)}`; // 300 bytes of UTF-8: wider than the minimum 128
    const huge = `x${'é'.repeat(3000)}`; // 6001 bytes: over the cap
    await storage.save(zoneRun(meta('1.0.0'), [profile('p', [zone(long, { srcFile: `src/${'ü'.repeat(200)}.ts` }), zone(huge)])]));
    const [loaded] = await storage.loadProfiles('1.0.0', 'linux-x64-node20');
    const names = loaded!.records.map((z) => z.name);
    expect(names).toContain(long);
    expect(names).toContain(fitUtf8(huge, 4096));
    expect(fitUtf8(huge, 4096)).toBe(`x${'é'.repeat(2047)}`);
    expect(loaded!.records.find((z) => z.name === long)?.srcFile).toBe(`src/${'ü'.repeat(200)}.ts`);
  });

  it('holds counts past 2^31 (the original tool overflowed int32)', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    await storage.save(zoneRun(meta('1.0.0'), [profile('p', [zone('hot', { counts: 3_000_000_000, totalNs: 9_000_000_000_000 })])]));
    const [loaded] = await storage.loadProfiles('1.0.0', 'linux-x64-node20');
    expect(loaded?.records[0]).toMatchObject({ counts: 3_000_000_000, totalNs: 9_000_000_000_000 });
  });

  it('keys versions and platforms with / and \\ sanitized, keeping the raw strings in meta', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    await storage.save(zoneRun(meta('feature/x+build.7', { platformId: 'win\\x64' }), [profile('p', [zone('a')])]));
    expect(await storage.listVersions()).toEqual(['feature_x+build.7']);
    expect(await storage.listPlatforms('feature/x+build.7')).toEqual(['win_x64']);
    const loadedMeta = await storage.loadMeta('feature/x+build.7', 'win\\x64');
    expect(loadedMeta.version).toBe('feature/x+build.7');
    expect(loadedMeta.platformId).toBe('win\\x64');
  });

  it('reads the original tool\'s file and appends to it without harming it', async () => {
    const dir = tempDir();
    const h5 = join(dir, 'profiles.h5');
    copyFileSync(seedH5, h5);
    chmodSync(h5, 0o644);
    const storage = new ProfileStorage(h5);
    const seedRun = asZoneRun(await storage.loadRun('1.0.0', 'linux-x86_64-CPython3.11.2'));
    const fromCsv = await extractAll(join(tracyFixtures, 'app.1.0.0.csv'), { version: '1.0.0' });
    // The original tool stored `app.1.0.0`; read back as `app` so it compares with our runs.
    expect(seedRun.profiles.map((p) => p.name)).toEqual(['app']);
    expect(seedRun.profiles[0]?.records).toEqual(fromCsv[0]?.records);
    expect(seedRun.meta).toMatchObject({ version: '1.0.0', machineId: 'seed-host', backend: 'tracy' });

    await storage.save(zoneRun(meta('1.2.0'), fromCsv));
    await storage.save(zoneRun(meta('1.1.0', { platformId: 'linux-x86_64-CPython3.11.2' }), fromCsv));
    expect(await storage.listVersions()).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    expect(await storage.loadRun('1.0.0', 'linux-x86_64-CPython3.11.2')).toEqual(seedRun);
  });

  it('refuses to overwrite a file that is not HDF5, and leaves it as it was', async () => {
    const dir = tempDir();
    const h5 = join(dir, 'profiles.h5');
    writeFileSync(h5, 'these are somebody\'s notes');
    const storage = new ProfileStorage(h5);
    await expect(storage.save(zoneRun(meta('1.0.0'), []))).rejects.toThrow(
      `${h5}: is not an HDF5 file (no HDF5 signature); refusing to overwrite it`,
    );
    expect(readFileSync(h5, 'utf8')).toBe('these are somebody\'s notes');
    expect(readdirSync(dir)).toEqual(['profiles.h5']);
  });

  it('refuses to overwrite a truncated HDF5 file', async () => {
    const dir = tempDir();
    const h5 = join(dir, 'profiles.h5');
    const truncated = readFileSync(seedH5).subarray(0, 20_000);
    writeFileSync(h5, truncated);
    await expect(new ProfileStorage(h5).save(zoneRun(meta('1.0.0'), []))).rejects.toThrow(
      /profiles\.h5: is damaged or truncated: .*; refusing to overwrite it/,
    );
    expect(readFileSync(h5).equals(truncated)).toBe(true);
  });

  it('fails clearly on a read-only output directory', async () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions; a path under a regular file is unwritable for anyone.
      const dir = tempDir();
      writeFileSync(join(dir, 'file'), '');
      await expect(new ProfileStorage(join(dir, 'file', 'profiles.h5')).save(zoneRun(meta('1.0.0'), []))).rejects.toThrow(
        /file: cannot create the output directory: a file stands where a directory is needed/,
      );
      return;
    }
    const dir = tempDir();
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o555);
    await expect(new ProfileStorage(join(dir, 'ro', 'profiles.h5')).save(zoneRun(meta('1.0.0'), []))).rejects.toThrow(/ro.*cannot/);
  });

  it('keeps both runs when two saves race', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    await storage.save(zoneRun(meta('0.9.0'), [profile('p', [zone('a')])]));
    await Promise.all(
      ['1.0.0', '1.1.0', '1.2.0', '1.3.0'].map((version) => new ProfileStorage(storage.h5Path).save(zoneRun(meta(version), [profile('p', [zone(version)])]))),
    );
    expect((await storage.listVersions()).sort()).toEqual(['0.9.0', '1.0.0', '1.1.0', '1.2.0', '1.3.0']);
    expect(existsSync(`${storage.h5Path}.lock`)).toBe(false);
  });

});

describe('ProfileStorage with cpuprofile runs', () => {
  const functions = [
    { functionName: 'parse', file: 'src/parse.ts', line: 12, samples: 80, selfSeconds: 0.008, totalSeconds: 0.012 },
    { functionName: '(garbage collector)', file: '', line: 0, samples: 5, selfSeconds: 0.0005, totalSeconds: 0.0005 },
  ];
  const cpuRun = (version: string) =>
    functionRun(meta(version, { backend: 'cpuprofile' }), [
      { name: 'parse.test.ts', sourcePath: 'perf/cpuprofile/parse.test.ts.cpuprofile', functions, totalSamples: 100, durationSeconds: 0.01 },
    ]);

  it('round-trips function profiles', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    await storage.save(cpuRun('1.0.0'));
    const [loaded] = await storage.loadFunctionProfiles('1.0.0', 'linux-x64-node20');
    expect(loaded).toEqual(cpuRun('1.0.0').profiles[0]);
    expect((await storage.loadRun('1.0.0', 'linux-x64-node20', 'cpuprofile')).meta.backend).toBe('cpuprofile');
  });

  it('keeps the zone run and the cpuprofile run of one version apart when either is re-stored', async () => {
    const storage = new ProfileStorage(join(tempDir(), 'profiles.h5'));
    await storage.save(zoneRun(meta('1.0.0'), [profile('app', [zone('a')])]));
    await storage.save(cpuRun('1.0.0'));
    await storage.save(zoneRun(meta('1.0.0'), [profile('app', [zone('b')])]));
    await storage.save(cpuRun('1.0.0'));
    expect((await storage.loadProfiles('1.0.0', 'linux-x64-node20'))[0]?.records.map((z) => z.name)).toEqual(['b']);
    expect(await storage.loadFunctionProfiles('1.0.0', 'linux-x64-node20')).toHaveLength(1);
    const runs = await storage.listRuns();
    expect(runs.map((run) => [run.platformKey, run.meta.backend]).sort()).toEqual([
      ['linux-x64-node20', 'tracy'],
      ['linux-x64-node20@cpuprofile', 'cpuprofile'],
    ]);
  });
});
