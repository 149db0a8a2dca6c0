import { workerEnvironment } from '../environment.js';
import { PerfReportError, messageOf } from '../errors.js';
import { chooseBackend } from './backend-choice.js';
import { resolvePerfOptions, type PerfOptions, type ResolvedPerfOptions, type RunFacts } from './options.js';
import { describeRecordedRun } from './recorded-run-line.js';
import { startRecording, type Recording } from './recording.js';
import type { SessionHost } from './zone-recording.js';

/** How a test run ended, as Vitest's end-of-run hook says it (Jest's `wasInterrupted` maps onto it). */
export type RunEnd = 'passed' | 'failed' | 'interrupted';

/** What a runner adapter tells the session about its run and how it prints. */
export interface RunnerHost extends SessionHost, RunFacts {
  watch: boolean;
  warn: (line: string) => void;
  error: (line: string) => void;
  /**
   * Ends the process before any test runs: the options cannot be used as given. A thrown
   * error would reach the user as the runner's "Unhandled Error" with a stack, where one
   * line is what they need.
   */
  stop: (line: string, exitCode: number) => never;
}

const ACTIVE_KEY = Symbol.for('perf-report.session');

/**
 * One perf run, whichever runner drives it. The adapters differ only in how they hear about
 * the run (a Vitest reporter's onInit/onTestRunEnd, a Jest reporter's onRunStart/onRunComplete);
 * everything else is here: options resolved once, the backend chosen once, the recording
 * started before the first worker and finished (or abandoned) after the last.
 *
 * Whatever fails on our side is one line and, unless `strict`, leaves the tests' exit code
 * alone; only options that cannot be used as given stop the run, before any test.
 */
export class PerfSession {
  private constructor(
    private readonly host: RunnerHost,
    private readonly recording: Recording,
    readonly options: ResolvedPerfOptions,
  ) {}

  /** Undefined when this run is not profiled (watch mode, another session has it, or our own failure). */
  static async begin(host: RunnerHost, given: PerfOptions): Promise<PerfSession | undefined> {
    const global = globalThis as { [ACTIVE_KEY]?: boolean };
    // The plugin and a configured 'perf-report' reporter may both be present: one session only.
    if (global[ACTIVE_KEY]) return undefined;
    if (host.watch) {
      // Reruns would each need their own version and history entry: profiling is a one-shot affair.
      const instead = host.runner === 'vitest' ? 'use `vitest run`' : 'run jest without --watch';
      host.log(`perf-report: watch mode is not profiled; ${instead} for a perf run`);
      return undefined;
    }
    let options: ResolvedPerfOptions;
    try {
      options = resolvePerfOptions(given, host);
    } catch (error) {
      if (error instanceof PerfReportError && error.kind === 'input') host.stop(`perf-report: ${error.message}`, 2);
      throw error;
    }
    global[ACTIVE_KEY] = true;
    try {
      let choice;
      try {
        choice = chooseBackend(options.backend, options.tracy, host.env);
      } catch (error) {
        if (error instanceof PerfReportError && error.kind === 'input') host.stop(`perf-report: ${error.message}`, 2);
        throw error;
      }
      const recording = await startRecording(options, choice, host);
      // Workers are started after this and inherit the environment.
      Object.assign(process.env, workerEnvironment(recording.workerSettings));
      return new PerfSession(host, recording, options);
    } catch (error) {
      global[ACTIVE_KEY] = false;
      host.error(`perf-report: perf mode is off for this run: ${messageOf(error)}`);
      if (given.strict) process.exitCode = 1;
      return undefined;
    }
  }

  /** What the workers record. */
  get records(): Recording['records'] {
    return this.recording.records;
  }

  /** After the last test. An interrupted run (bail, Ctrl-C) is not stored: its zones are a partial suite. */
  async end(how: RunEnd, testFiles: readonly string[]): Promise<void> {
    const { host } = this;
    try {
      if (how === 'interrupted') {
        await this.recording.abandon();
        host.warn('perf-report: the run was interrupted; nothing was stored (an incomplete run would distort the history)');
        return;
      }
      const recorded = await this.recording.finish(testFiles);
      if (recorded.missingFiles.length > 0) {
        const count = recorded.missingFiles.length;
        host.warn(`perf-report: no complete data from ${count} test file(s) (worker crashed?): ${recorded.missingFiles.join(', ')}`);
      }
      host.log(describeRecordedRun(recorded));
    } catch (error) {
      host.error(`perf-report: ${messageOf(error)}`);
      if (this.options.strict) process.exitCode = 1;
    } finally {
      (globalThis as { [ACTIVE_KEY]?: boolean })[ACTIVE_KEY] = false;
    }
  }
}
