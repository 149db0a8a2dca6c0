import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuProfileRun } from '../../src/collect/cpuprofile-run.js';
import { splitOwnArgs } from '../../src/collect/own-args.js';
import { validateCpuProfile } from '../../src/extract/cpuprofile/cpuprofile-format.js';
import { cpuProfileStem } from '../../src/zones/cpu-profile-files.js';
import { FileProfiler, activeFileProfiler } from '../../src/zones/cpu-profiler.js';

/**
 * The cpuprofile backend in process: the worker's FileProfiler (a real V8 profile of this
 * test's own isolate) and the main process's CpuProfileRun around it.
 */

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'perf-report-cpuprofile-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'profiled-app', version: '3.1.0' }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Keeps the CPU busy so that the sampler has something to see. */
function spin(ms: number): number {
  let x = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) x += Math.sqrt(x + 1);
  return x;
}

async function profileFile(profiler: FileProfiler, file: string): Promise<void> {
  await profiler.fileStarting(file);
  spin(20);
  await profiler.fileFinished(file);
}

function readProfile(file: string) {
  return validateCpuProfile(JSON.parse(readFileSync(file, 'utf8')), file);
}

describe('FileProfiler (worker side)', () => {
  it('writes one valid profile per test file, named by its path, with a numbered name for a second run of a file', async () => {
    const out = join(dir, 'names');
    mkdirSync(out);
    const profiler = new FileProfiler(out, dir, 100);
    // Same base name in two folders: the seed's names overwrote one with the other.
    await profileFile(profiler, join(dir, 'test/a/math.test.ts'));
    await profileFile(profiler, join(dir, 'test/b/math.test.ts'));
    await profileFile(profiler, join(dir, 'test/a/math.test.ts'));
    expect(readdirSync(out).sort()).toEqual([
      'test__a__math.test.ts.2.cpuprofile',
      'test__a__math.test.ts.cpuprofile',
      'test__b__math.test.ts.cpuprofile',
    ]);
    for (const name of readdirSync(out)) {
      const profile = readProfile(join(out, name));
      expect(profile.samples.length, name).toBeGreaterThan(0);
      expect(profile.endTime).toBeGreaterThan(profile.startTime);
      // This isolate's own code (spin, or profileFile once V8 has inlined spin into it) was sampled.
      const ours = profile.nodes.filter((node) => node.callFrame.url.includes('cpuprofile-profiler.test.ts'));
      expect(ours.reduce((sum, node) => sum + (node.hitCount ?? 0), 0), name).toBeGreaterThan(0);
    }
  });

  it('never throws into the runner: an unwritable directory or an unstarted file just leaves no profile', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const profiler = new FileProfiler(join(blocker, 'out'), dir, 100);
    await expect(profileFile(profiler, join(dir, 'test/x.test.ts'))).resolves.toBeUndefined();
    await expect(profiler.fileFinished(join(dir, 'test/never-started.test.ts'))).resolves.toBeUndefined();
  });

  it('keeps the profile of a file whose run never reached its end when the next file starts', async () => {
    const out = join(dir, 'unfinished');
    mkdirSync(out);
    const profiler = new FileProfiler(out, dir, 100);
    await profiler.fileStarting(join(dir, 'test/first.test.ts'));
    spin(5);
    await profileFile(profiler, join(dir, 'test/second.test.ts'));
    expect(readdirSync(out).sort()).toEqual(['test__first.test.ts.cpuprofile', 'test__second.test.ts.cpuprofile']);
  });

  it('is on only when the run passes a directory, with the sampling interval from the environment', () => {
    expect(activeFileProfiler({})).toBeUndefined();
    expect(activeFileProfiler({ PERF_REPORT_CPUPROFILE_DIR: dir, PERF_SAMPLING_INTERVAL_US: '250' })).toMatchObject({ intervalUs: 250 });
    expect(activeFileProfiler({ PERF_REPORT_CPUPROFILE_DIR: dir, PERF_SAMPLING_INTERVAL_US: 'x' })).toMatchObject({ intervalUs: 100 });
    expect(cpuProfileStem('/p', '/p/test/deep/x.test.ts')).toBe('test__deep__x.test.ts');
  });
});

describe('CpuProfileRun (main-process side)', () => {
  it('removes stale profiles at start, tells the workers where to write, and names the test files it has no profile for', async () => {
    const outDir = join(dir, 'run');
    const profileDir = join(outDir, 'cpuprofile');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, 'test__deleted.test.ts.cpuprofile'), '{}');
    writeFileSync(join(profileDir, 'notes.txt'), 'kept');

    const run = await CpuProfileRun.start({ root: dir, outDir, h5: false }, { samplingIntervalUs: 200 }, {});
    expect(readdirSync(profileDir)).toEqual(['notes.txt']);
    expect(run.workerEnv).toMatchObject({
      PERF_MODE: 'true',
      PERF_REPORT_CPUPROFILE_DIR: profileDir,
      PERF_REPORT_CPUPROFILE_ROOT: dir,
      PERF_SAMPLING_INTERVAL_US: '200',
      PERF_REPORT_SOCKET: '',
    });

    const worker = activeFileProfiler(run.workerEnv);
    if (!worker) throw new Error('no profiler for the run environment');
    await profileFile(worker, join(dir, 'test/ran.test.ts'));
    const saved = await run.finish([join(dir, 'test/ran.test.ts'), join(dir, 'test/crashed.test.ts')]);
    expect(saved).toMatchObject({ backend: 'cpuprofile', profileDir, profileFiles: 1, missingFiles: [join(dir, 'test/crashed.test.ts')] });
    expect(saved.generated.summary).toContain('1 profile, ');
    expect(saved.generated.meta.backend).toBe('cpuprofile');
  });

  it('fails with a message the user can act on when no profile was written, and rejects a bad sampling interval', async () => {
    const run = await CpuProfileRun.start({ root: dir, outDir: join(dir, 'empty'), h5: false }, {}, {});
    await expect(run.finish([join(dir, 'test/a.test.ts')])).rejects.toThrow(/no CPU profiles were written/);
    await expect(CpuProfileRun.start({ root: dir, outDir: dir }, {}, { PERF_SAMPLING_INTERVAL_US: '0' })).rejects.toThrow(
      /PERF_SAMPLING_INTERVAL_US is "0"/,
    );
  });
});

describe('perf-report vitest|jest own flags', () => {
  it('takes --perf-backend out of the runner arguments, in both spellings', () => {
    expect(splitOwnArgs(['run', '--perf-backend', 'cpuprofile', '--pool=forks', '--perf-output=out'])).toEqual({
      runnerArgs: ['run', '--pool=forks'],
      output: 'out',
      backend: 'cpuprofile',
    });
    expect(splitOwnArgs(['--perf', '--perf-backend=embedded', 'x.test.ts'])).toEqual({ runnerArgs: ['x.test.ts'], output: undefined, backend: 'embedded' });
  });
});
