import type { WorkerSettings } from '../environment.js';
import type { BackendChoice } from './backend-choice.js';
import { CpuProfileRecording, type RecordedCpuProfileRun } from './cpuprofile-recording.js';
import type { ResolvedPerfOptions } from './resolved-options.js';
import { ZoneRecording, type RecordedZoneRun, type SessionHost } from './zone-recording.js';

/** What one finished recording stored. */
export type RecordedRun = RecordedZoneRun | RecordedCpuProfileRun;

/** The main process's side of one perf run, whichever backend records. */
export interface Recording {
  /** What the workers record: zones (embedded/Tracy) or CPU profiles. */
  readonly records: 'zones' | 'cpuprofile';
  /** What the workers must be told to record. */
  readonly workerSettings: WorkerSettings;
  /** After the run: `testFiles` are the absolute paths of the files that ran. */
  finish(testFiles: readonly string[]): Promise<RecordedRun>;
  /** The run is not stored (it was interrupted). */
  abandon(): Promise<void>;
}

/** Before the first test, with the backend already chosen. */
export function startRecording(options: ResolvedPerfOptions, choice: BackendChoice, host: SessionHost): Promise<Recording> {
  if (choice.backend === 'cpuprofile') return CpuProfileRecording.start(options);
  return ZoneRecording.start(options, choice, host);
}
