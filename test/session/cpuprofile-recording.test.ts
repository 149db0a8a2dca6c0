import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CpuProfileRecording } from '../../src/session/cpuprofile-recording.js';
import { resolvePerfOptions, type PerfOptions } from '../../src/session/options.js';
import { workerEnvironment } from '../../src/environment.js';
import { activeFileProfiler } from '../../src/zones/cpu-profiler.js';
import { profileFile, useProfiledProject } from '../support/cpu-work.js';

/**
 * The cpuprofile backend's main-process side in process: CpuProfileRecording around a real
 * FileProfiler of this test's own isolate.
 */

const project = useProfiledProject();


/** Resolves the options as a session does and starts the recording. */
async function startRecording(options: PerfOptions, outDir: string, env: NodeJS.ProcessEnv = {}): Promise<CpuProfileRecording> {
  return CpuProfileRecording.start(resolvePerfOptions({ backend: 'cpuprofile', h5: false, ...options, output: outDir }, { root: project(), argv: [], env, cwd: project() }));
}

describe('CpuProfileRecording (main-process side)', () => {
  it('removes stale profiles at start, tells the workers where to write, and names the test files it has no profile for', async () => {
    const outDir = join(project(), 'run');
    const profileDir = join(outDir, 'cpuprofile');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, 'test__deleted.test.ts.cpuprofile'), '{}');
    writeFileSync(join(profileDir, 'notes.txt'), 'kept');

    const run = await startRecording({ samplingIntervalUs: 200 }, outDir);
    expect(readdirSync(profileDir)).toEqual(['notes.txt']);
    const workerEnv = workerEnvironment(run.workerSettings);
    expect(workerEnv).toMatchObject({
      PERF_MODE: 'true',
      PERF_REPORT_CPUPROFILE_DIR: profileDir,
      PERF_REPORT_CPUPROFILE_ROOT: project(),
      PERF_REPORT_SAMPLING_INTERVAL_US: '200',
      PERF_REPORT_SOCKET: '',
    });

    const worker = activeFileProfiler(workerEnv);
    if (!worker) throw new Error('no profiler for the run environment');
    await profileFile(worker, join(project(), 'test/ran.test.ts'));
    const saved = await run.finish([join(project(), 'test/ran.test.ts'), join(project(), 'test/crashed.test.ts')]);
    expect(saved).toMatchObject({ backend: 'cpuprofile', profileDir, profileFiles: 1, missingFiles: [join(project(), 'test/crashed.test.ts')] });
    expect(saved.generated.summary).toContain('1 profile, ');
    expect(saved.generated.meta.backend).toBe('cpuprofile');
  });

  it('fails with a message the user can act on when no profile was written, and rejects a bad sampling interval', async () => {
    const run = await startRecording({}, join(project(), 'empty'));
    await expect(run.finish([join(project(), 'test/a.test.ts')])).rejects.toThrow(/no CPU profiles were written/);
    await expect(startRecording({}, project(), { PERF_SAMPLING_INTERVAL_US: '0' })).rejects.toThrow(/PERF_SAMPLING_INTERVAL_US is "0"/);
  });
});
