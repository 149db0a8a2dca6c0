import type { BackendChoice } from './backend-choice.js';
import { CpuProfileRecording, type RecordedCpuProfileRun } from './cpuprofile-recording.js';
import type { ResolvedPerfOptions } from './resolved-options.js';
import { ZoneRecording, type RecordedZoneRun, type SessionHost } from './zone-recording.js';

/** What one finished recording stored. */
export type RecordedRun = RecordedZoneRun | RecordedCpuProfileRun;

/**
 * The main process's side of one perf run, told apart by what the workers record: zones
 * (embedded/Tracy), which can be recorded in rounds, or CPU profiles. Both take the
 * workers' settings before the run, `finish(testFiles)` after it, and `abandon()` when it
 * was interrupted.
 */
export type Recording = ZoneRecording | CpuProfileRecording;

/** Before the first test, with the backend already chosen; `storesRun` is false in a round handed back to another process. */
export function startRecording(options: ResolvedPerfOptions, choice: BackendChoice, host: SessionHost, storesRun: boolean): Promise<Recording> {
  if (choice.backend === 'cpuprofile') return CpuProfileRecording.start(options);
  return ZoneRecording.start(options, choice, host, storesRun);
}
