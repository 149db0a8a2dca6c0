import { chooseBackend } from './backend-choice.js';
import { CpuProfileRun, type SavedCpuProfileRun } from './cpuprofile-run.js';
import type { PerfOptions } from './perf-options.js';
import { PerfRun, type RunContext, type SavedZoneRun } from './perf-run.js';
import type { RunTarget } from './run-files.js';

export type SavedRun = SavedZoneRun | SavedCpuProfileRun;

/** What a runner session drives, whichever backend records. */
export interface RecordingRun {
  /** What the workers record: zones (embedded/Tracy) or CPU profiles. */
  readonly records: 'zones' | 'cpuprofile';
  /** Variables the workers must inherit. */
  readonly workerEnv: Record<string, string>;
  /** After the run: `testFiles` are the absolute paths of the files that ran. */
  finish(testFiles: readonly string[]): Promise<SavedRun>;
  /** The run is not saved (cancelled). */
  abandon(): Promise<void>;
}

/**
 * Before the first test: the backend is chosen once, here. Throws like PerfRun.start (a
 * backend asked for that cannot be used, no version to record).
 */
export async function startRun(target: RunTarget, options: PerfOptions, context: RunContext): Promise<RecordingRun> {
  const choice = chooseBackend(options);
  if (choice.backend === 'cpuprofile') return CpuProfileRun.start(target, options);
  return PerfRun.start(target, options, context, choice);
}
