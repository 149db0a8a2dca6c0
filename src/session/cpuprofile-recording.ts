import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SAMPLING_INTERVAL_US, USER_ENV, type WorkerSettings } from '../environment.js';
import { inputError, workError } from '../errors.js';
import type { GenerateResult } from '../pipeline/generate.js';
import { CPUPROFILE_EXTENSION, cpuProfileFileName, cpuProfileStem } from '../zones/cpu-profile-files.js';
import { reportOptions } from './report-options.js';
import type { ResolvedPerfOptions } from './resolved-options.js';
import { settingFrom } from './settings.js';

/** A run recorded as V8 CPU profiles. */
export interface RecordedCpuProfileRun {
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
export class CpuProfileRecording {
  readonly records = 'cpuprofile';

  private constructor(
    private readonly directory: string,
    private readonly options: ResolvedPerfOptions,
  ) {}

  /** Before the first test: empties the profile directory. */
  static async start(options: ResolvedPerfOptions): Promise<CpuProfileRecording> {
    const directory = join(options.outDir, 'cpuprofile');
    // The original tool never emptied its profile folder, so profiles of deleted or renamed
    // tests from older runs ended up in every later report.
    await removeProfiles(directory);
    await mkdir(directory, { recursive: true });
    return new CpuProfileRecording(directory, options);
  }

  /** What the workers must record. */
  get workerSettings(): WorkerSettings {
    return {
      cpuprofile: { directory: this.directory, root: this.options.root, intervalUs: this.options.samplingIntervalUs },
      repeat: this.options.repeat,
    };
  }

  /**
   * After the workers are done (the runners only report a file after its profile is written):
   * stores the profiles and writes the report.
   */
  async finish(testFiles: readonly string[]): Promise<RecordedCpuProfileRun> {
    const written = new Set(await profileNames(this.directory));
    if (written.size === 0) {
      throw workError(this.directory, 'no CPU profiles were written: did the tests run with the perf-report runner or Jest environment?');
    }
    const { root } = this.options;
    const missingFiles = testFiles.filter((file) => !written.has(cpuProfileFileName(cpuProfileStem(root, file), 1)));
    // Loaded here, not at startup: the store and renderer (h5wasm, pdfmake, ECharts) are heavy.
    const { generate } = await import('../pipeline/generate.js');
    const options = this.options;
    const generated = await generate({
      input: this.directory,
      outDir: options.outDir,
      backend: 'cpuprofile',
      version: options.version,
      name: options.name,
      cwd: root,
      h5: options.h5,
      ...reportOptions(options),
    });
    return { backend: 'cpuprofile', profileDir: this.directory, profileFiles: written.size, missingFiles, generated };
  }

  /** Nothing runs on this side between start and finish. */
  abandon(): Promise<void> {
    return Promise.resolve();
  }
}

/** The samplingIntervalUs option, or PERF_SAMPLING_INTERVAL_US, which wins. */
export function samplingInterval(options: { samplingIntervalUs?: unknown }, env: NodeJS.ProcessEnv): number {
  const interval = settingFrom(env, USER_ENV.samplingIntervalUs, options.samplingIntervalUs, 'the samplingIntervalUs option', (value, where) => {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) {
      throw inputError(undefined, `${where} is "${String(value)}"; expected a whole number of microseconds above 0 (default ${DEFAULT_SAMPLING_INTERVAL_US})`);
    }
    return number;
  });
  return interval ?? DEFAULT_SAMPLING_INTERVAL_US;
}

async function profileNames(directory: string): Promise<string[]> {
  const names = await readdir(directory, { recursive: true }).catch(() => []);
  return names.filter((name) => name.toLowerCase().endsWith(CPUPROFILE_EXTENSION));
}

/** Only `.cpuprofile` files: anything else a user keeps there is left alone. */
async function removeProfiles(directory: string): Promise<void> {
  for (const name of await profileNames(directory)) await rm(join(directory, name), { force: true });
}
