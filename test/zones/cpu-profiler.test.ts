import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCpuProfile } from '../../src/extract/cpuprofile/cpuprofile-format.js';
import { cpuProfileStem } from '../../src/zones/cpu-profile-files.js';
import { FileProfiler, activeFileProfiler } from '../../src/zones/cpu-profiler.js';
import { profileFile, spin, useProfiledProject } from '../support/cpu-work.js';

/**
 * The cpuprofile backend's worker side in process: FileProfiler takes a real V8 profile of
 * this test's own isolate.
 */

const project = useProfiledProject();


function readProfile(file: string) {
  return validateCpuProfile(JSON.parse(readFileSync(file, 'utf8')), file);
}

describe('FileProfiler (worker side)', () => {
  it('writes one valid profile per test file, named by its path, with a numbered name for a second run of a file', async () => {
    const out = join(project(), 'names');
    mkdirSync(out);
    const profiler = new FileProfiler(out, project(), 100);
    // Same base name in two folders: the original tool's names overwrote one with the other.
    await profileFile(profiler, join(project(), 'test/a/math.test.ts'));
    await profileFile(profiler, join(project(), 'test/b/math.test.ts'));
    await profileFile(profiler, join(project(), 'test/a/math.test.ts'));
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
      const ours = profile.nodes.filter((node) => node.callFrame.url.includes('cpu-work.ts'));
      expect(ours.reduce((sum, node) => sum + (node.hitCount ?? 0), 0), name).toBeGreaterThan(0);
    }
  });

  it('never throws into the runner: an unwritable directory or an unstarted file just leaves no profile', async () => {
    const blocker = join(project(), 'a-file');
    writeFileSync(blocker, '');
    const profiler = new FileProfiler(join(blocker, 'out'), project(), 100);
    await expect(profileFile(profiler, join(project(), 'test/x.test.ts'))).resolves.toBeUndefined();
    await expect(profiler.fileFinished(join(project(), 'test/never-started.test.ts'))).resolves.toBeUndefined();
  });

  it('keeps the profile of a file whose run never reached its end when the next file starts', async () => {
    const out = join(project(), 'unfinished');
    mkdirSync(out);
    const profiler = new FileProfiler(out, project(), 100);
    await profiler.fileStarting(join(project(), 'test/first.test.ts'));
    spin(5);
    await profileFile(profiler, join(project(), 'test/second.test.ts'));
    expect(readdirSync(out).sort()).toEqual(['test__first.test.ts.cpuprofile', 'test__second.test.ts.cpuprofile']);
  });

  it('is on only when the run passes a directory, with the sampling interval from the environment', () => {
    expect(activeFileProfiler({})).toBeUndefined();
    expect(activeFileProfiler({ PERF_REPORT_CPUPROFILE_DIR: project(), PERF_REPORT_SAMPLING_INTERVAL_US: '250' })).toMatchObject({ intervalUs: 250 });
    expect(activeFileProfiler({ PERF_REPORT_CPUPROFILE_DIR: project(), PERF_REPORT_SAMPLING_INTERVAL_US: 'x' })).toMatchObject({ intervalUs: 100 });
    expect(cpuProfileStem('/p', '/p/test/deep/x.test.ts')).toBe('test__deep__x.test.ts');
  });
});
