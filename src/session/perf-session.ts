import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRoundAssignment, workerEnvironment, type RoundAssignment } from '../environment.js';
import { PerfReportError, messageOf } from '../errors.js';
import { GIT_VERSION, resolveVersion } from '../pipeline/git-info.js';
import type { GateResult } from '../pipeline/gate.js';
import { findProject } from '../pipeline/project-info.js';
import { chooseBackend, type BackendChoice } from './backend-choice.js';
import { resolvePerfOptions, type PerfOptions, type ResolvedPerfOptions, type RunFacts } from './options.js';
import { describeRecordedRun } from './recorded-run-line.js';
import { startRecording, type RecordedRun, type Recording } from './recording.js';
import { runRound, thisProcessCommand, writeRoundFile, type RoundCommand } from './round-runner.js';
import { zoneCount, type RoundOutcome } from './round-output.js';
import type { SessionHost, ZoneRecording } from './zone-recording.js';
import { missingFilesWarnings } from './missing-files.js';

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
  /** How to run this same run again as another round (default: this process's command line). */
  roundCommand?: RoundCommand;
}

const ACTIVE_KEY = Symbol.for('perf-report.session');

/**
 * One perf run, whichever runner drives it. The adapters differ only in how they hear about
 * the run (a Vitest reporter's onInit/onTestRunEnd, a Jest reporter's onRunStart/onRunComplete);
 * everything else is here: options resolved once, the backend chosen once, the recording
 * started before the first worker and finished (or abandoned) after the last.
 *
 * A run of several rounds is this run plus the same command run again once per further round
 * (each in fresh workers); a process started as such a round only records and hands its
 * statistics back. Whatever fails on our side is one line and, unless `strict`, leaves the
 * tests' exit code alone; only options that cannot be used as given stop the run, before any
 * test.
 */
export class PerfSession {
  private constructor(
    private readonly host: RunnerHost,
    private readonly recording: Recording,
    readonly options: ResolvedPerfOptions,
    /** Set when this process is one round of a run orchestrated by another process. */
    private readonly assignment: RoundAssignment | undefined,
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
    const resolved = stopOnInputError(host, () => resolvePerfOptions(given, host));
    const options = resolved.version === GIT_VERSION ? await withCommitVersion(host, resolved) : resolved;
    global[ACTIVE_KEY] = true;
    try {
      const choice: BackendChoice = stopOnInputError(host, () => chooseBackend(options.backend, options.tracy, host.env));
      // Set when this process records one round of a run another process stores.
      const assignment = readRoundAssignment(host.env);
      if (choice.backend === 'cpuprofile' && options.rounds > 1 && !assignment) {
        host.log(`perf-report: rounds record zones; the cpuprofile backend records this one run (rounds ${options.rounds} ignored)`);
      }
      const recording = await startRecording(options, choice, host, assignment === undefined);
      // Workers are started after this and inherit the environment.
      Object.assign(process.env, workerEnvironment(recording.workerSettings));
      return new PerfSession(host, recording, options, assignment);
    } catch (error) {
      global[ACTIVE_KEY] = false;
      host.error(`perf-report: perf mode is off for this run: ${messageOf(error)}`);
      // A gate that cannot run fails the run: it must never pass because it was not there.
      if (given.strict || options.failOnRegression || options.requireBaseline) process.exitCode = 1;
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
      if (this.assignment) {
        await this.handBackRound(this.assignment, testFiles);
        return;
      }
      const recorded = this.recording.records === 'zones' ? await this.recordRounds(this.recording, testFiles) : await this.recording.finish(testFiles);
      for (const line of missingFilesWarnings(recorded.missingFiles, host.runner, this.options.root)) host.warn(line);
      host.log(describeRecordedRun(recorded));
      host.log(recorded.generated.comparisonText);
      this.applyGate(how, recorded.generated.gate);
    } catch (error) {
      host.error(`perf-report: ${messageOf(error)}`);
      const { strict, failOnRegression, requireBaseline } = this.options;
      // With a gate asked for, a failure of ours fails the run: the gate did not check anything.
      if (strict || failOnRegression || requireBaseline) process.exitCode = process.exitCode || 1;
    } finally {
      (globalThis as { [ACTIVE_KEY]?: boolean })[ACTIVE_KEY] = false;
    }
  }

  /** The gate's exit code becomes the run's, unless the tests failed: their exit code wins. */
  private applyGate(how: RunEnd, gate: GateResult | undefined): void {
    if (!gate || gate.exitCode === 0) return;
    if (how === 'passed') process.exitCode = gate.exitCode;
    else this.host.warn(`perf-report: the tests failed, so the run keeps their exit code rather than the gate's ${gate.exitCode}`);
  }

  /** This process is one round of another's run: record, leave the statistics, store nothing. */
  private async handBackRound(assignment: RoundAssignment, testFiles: readonly string[]): Promise<void> {
    if (this.recording.records !== 'zones') {
      await this.recording.abandon();
      throw new PerfReportError('input', 'rounds record zones; the cpuprofile backend records one run');
    }
    const outcome = await this.recording.recordRound(testFiles, assignment.round);
    await writeRoundFile(assignment, outcome);
    this.host.log(`perf-report: round ${assignment.round}: ${zoneCount(outcome)} zones recorded`);
  }

  /** This run as round 1, then the further rounds, one after another, each in fresh workers; then stored as one run. */
  private async recordRounds(recording: ZoneRecording, testFiles: readonly string[]): Promise<RecordedRun> {
    const first = await recording.recordRound(testFiles, 1);
    const total = this.options.rounds;
    if (total <= 1) return recording.store([first]);
    const rounds: RoundOutcome[] = [first];
    const directory = await mkdtemp(join(tmpdir(), 'perf-report-rounds-'));
    try {
      const command = this.host.roundCommand ?? thisProcessCommand();
      for (let round = 2; round <= total; round++) {
        const run = await runRound(command, round, directory);
        const seconds = (run.wallMs / 1000).toFixed(1);
        if (run.outcome) {
          rounds.push(run.outcome);
          this.host.log(`perf-report: round ${round} of ${total}: ${zoneCount(run.outcome)} zones, ${seconds} s${run.exitCode === 0 ? '' : `, tests exited ${run.exitCode}`}`);
        } else {
          this.host.warn(`perf-report: ${run.problem}`);
        }
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    return recording.store(rounds);
  }
}

/** `version: git` (PERF_VERSION=git) as `<package version>+<short sha>`, resolved once before the first test. */
async function withCommitVersion(host: RunnerHost, options: ResolvedPerfOptions): Promise<ResolvedPerfOptions> {
  try {
    const { version } = await resolveVersion(GIT_VERSION, options.root, findProject(options.root).version);
    return { ...options, version };
  } catch (error) {
    if (error instanceof PerfReportError && error.kind === 'input') host.stop(`perf-report: ${error.message}`, 2);
    throw error;
  }
}

/** Bad input stops the run with one line; anything else is ours to report as perf mode being off. */
function stopOnInputError<T>(host: RunnerHost, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof PerfReportError && error.kind === 'input') host.stop(`perf-report: ${error.message}`, 2);
    throw error;
  }
}
