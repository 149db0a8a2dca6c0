import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError, workError } from '../errors.js';
import type { GenerateResult } from '../pipeline/generate.js';
import {
  CPUPROFILE_DIR_ENV,
  CPUPROFILE_EXTENSION,
  CPUPROFILE_ROOT_ENV,
  DEFAULT_SAMPLING_INTERVAL_US,
  SAMPLING_INTERVAL_ENV,
  cpuProfileFileName,
  cpuProfileStem,
} from '../zones/cpu-profile-files.js';
import { COLLECTOR_ADDRESS_ENV } from '../zones/recorder.js';
import { PERF_MODE_ENV, type PerfOptions } from './perf-options.js';
import { runFiles, type RunFiles, type RunTarget } from './run-files.js';

/** A run recorded as V8 CPU profiles. */
export interface SavedCpuProfileRun {
  backend: 'cpuprofile';
  /** `<out>/cpuprofile`: one `.cpuprofile` per test file. */
  profileDir: string;
  profileFiles: number;
  /** Test files without a profile (worker crashed, or the profile could not be written). */
  missingFiles: string[];
  generated: GenerateResult;
}

/**
 * One perf run with the cpuprofile backend. The workers do the recording (FileProfiler, one
 * profile per test file, written straight into `<out>/cpuprofile`); this side only prepares the
 * directory, tells the workers where it is, and after the run hands the directory to the
 * pipeline. No zones are recorded: the zone runner and the profiler would measure each other,
 * and the function statistics are what this backend is for.
 */
export class CpuProfileRun {
  readonly records = 'cpuprofile';

  private constructor(
    private readonly directory: string,
    private readonly intervalUs: number,
    private readonly files: RunFiles,
    private readonly target: RunTarget,
  ) {}

  /** Before the first test: checks the options and empties the profile directory. */
  static async start(target: RunTarget, options: PerfOptions, env: NodeJS.ProcessEnv = process.env): Promise<CpuProfileRun> {
    const intervalUs = samplingInterval(options, env);
    const files = runFiles(target);
    const directory = join(target.outDir, 'cpuprofile');
    // The seed never emptied its profile folder, so profiles of deleted or renamed tests from
    // older runs ended up in every later report.
    await removeProfiles(directory);
    await mkdir(directory, { recursive: true });
    return new CpuProfileRun(directory, intervalUs, files, target);
  }

  /** Variables the workers must inherit. */
  get workerEnv(): Record<string, string> {
    return {
      [PERF_MODE_ENV]: 'true',
      [CPUPROFILE_DIR_ENV]: this.directory,
      [CPUPROFILE_ROOT_ENV]: this.target.root,
      [SAMPLING_INTERVAL_ENV]: String(this.intervalUs),
      // Empty turns the zone recorder off, also when an earlier run in this process set it.
      [COLLECTOR_ADDRESS_ENV]: '',
    };
  }

  /**
   * After the workers are done (the runners only report a file after its profile is written):
   * stores the profiles and writes the report.
   */
  async finish(testFiles: readonly string[]): Promise<SavedCpuProfileRun> {
    const written = new Set(await profileNames(this.directory));
    if (written.size === 0) {
      throw workError(this.directory, 'no CPU profiles were written: did the tests run with the perf-report runner or Jest environment?');
    }
    const missingFiles = testFiles.filter((file) => !written.has(cpuProfileFileName(cpuProfileStem(this.target.root, file), 1)));
    // Loaded here, not at startup: the store and renderer (h5wasm, pdfmake, ECharts) are heavy.
    const { generate } = await import('../pipeline/generate.js');
    const target = this.target;
    const generated = await generate({
      input: this.directory,
      outDir: target.outDir,
      backend: 'cpuprofile',
      version: this.files.version,
      name: this.files.name,
      cwd: target.root,
      ...(target.h5 === undefined ? {} : { h5: target.h5 }),
      ...(target.pdfName ? { pdfName: target.pdfName } : {}),
    });
    return { backend: 'cpuprofile', profileDir: this.directory, profileFiles: written.size, missingFiles, generated };
  }

  /** Nothing runs on this side between start and finish. */
  abandon(): Promise<void> {
    return Promise.resolve();
  }
}

/** The environment wins over the option, as PERF_BACKEND does. */
function samplingInterval(options: PerfOptions, env: NodeJS.ProcessEnv): number {
  const fromEnv = env[SAMPLING_INTERVAL_ENV] || undefined;
  const value = fromEnv ?? options.samplingIntervalUs ?? DEFAULT_SAMPLING_INTERVAL_US;
  const interval = Number(value);
  if (!Number.isInteger(interval) || interval <= 0) {
    const source = fromEnv !== undefined ? SAMPLING_INTERVAL_ENV : 'the samplingIntervalUs option';
    throw inputError(undefined, `${source} is "${value}"; expected a whole number of microseconds above 0 (default ${DEFAULT_SAMPLING_INTERVAL_US})`);
  }
  return interval;
}

async function profileNames(directory: string): Promise<string[]> {
  const names = await readdir(directory, { recursive: true }).catch(() => []);
  return names.filter((name) => name.toLowerCase().endsWith(CPUPROFILE_EXTENSION));
}

/** Only `.cpuprofile` files: anything else a user keeps there is left alone. */
async function removeProfiles(directory: string): Promise<void> {
  for (const name of await profileNames(directory)) await rm(join(directory, name), { force: true });
}
