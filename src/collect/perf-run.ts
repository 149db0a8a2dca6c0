import { workError } from '../errors.js';
import type { ZoneStat } from '../model/zone-stat.js';
import type { GenerateResult } from '../pipeline/generate.js';
import { CollectorServer } from '../transport/collector-server.js';
import { CPUPROFILE_DIR_ENV } from '../zones/cpu-profile-files.js';
import { COLLECTOR_ADDRESS_ENV } from '../zones/recorder.js';
import { BackendChoiceError, chooseBackend, type ZoneBackendChoice } from './backend-choice.js';
import { Capture } from './capture.js';
import { saveEmbeddedCsv } from './embedded-csv.js';
import { PERF_MODE_ENV, type PerfOptions } from './perf-options.js';
import { runFiles, type RunFiles, type RunTarget } from './run-files.js';
import type { RunnerName } from './tracy-bridge.js';
import { TracyRecording } from './tracy-recording.js';

export interface RunContext {
  runner: RunnerName;
  /** One line for the user (the runner's console). */
  log: (line: string) => void;
}

/** A run recorded as zones. */
export interface SavedZoneRun {
  /** Which backend's statistics were stored. */
  backend: 'tracy' | 'embedded';
  csvPath: string;
  /** The Tracy capture, when the run was recorded with Tracy. */
  tracyPath?: string;
  zones: ZoneStat[];
  /** Test files whose worker never confirmed its last batch (crashed or killed). */
  missingFiles: string[];
  /** Why Tracy was not used although the user let us choose (not said before: it is the common case). */
  note?: string;
  generated: GenerateResult;
}

/**
 * The collector of one perf run. The embedded Capture always aggregates every worker event;
 * when Tracy is chosen and tracy-capture connects, the same events also stream live into it
 * (TracyRecording). After the run, the Tracy capture's CSV export is stored when it worked,
 * else the embedded aggregate: a failed capture never loses the run.
 */
export class PerfRun {
  private settled = false;

  private constructor(
    private readonly server: CollectorServer,
    private readonly capture: Capture,
    private readonly recording: TracyRecording | undefined,
    private readonly files: RunFiles,
    private readonly target: RunTarget,
    private readonly options: PerfOptions,
    private readonly context: RunContext,
    private readonly note: string | undefined,
  ) {}

  /**
   * Before the first test. Throws when the run cannot be profiled as asked (the Tracy backend
   * forced without its tools, no version to record): the caller decides whether that stops
   * the tests.
   */
  static async start(target: RunTarget, options: PerfOptions, context: RunContext, chosen?: ZoneBackendChoice): Promise<PerfRun> {
    const choice = chosen ?? chooseBackend(options);
    if (choice.backend === 'cpuprofile') {
      throw new BackendChoiceError('the cpuprofile backend records no zones; start the run with startRun');
    }
    const files = runFiles(target);
    const note = choice.backend === 'embedded' ? choice.notice : undefined;
    let recording: TracyRecording | undefined;
    if (choice.backend === 'tracy') {
      const started = await TracyRecording.start({
        tools: choice.tools,
        tracyPath: `${files.base}.tracy`,
        runner: context.runner,
        root: target.root,
        ...(options.tracyPort === undefined ? {} : { port: options.tracyPort }),
        ...(options.captureConnectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.captureConnectTimeoutMs }),
        log: context.log,
      });
      if ('recording' in started) recording = started.recording;
      else context.log(`perf-report: no Tracy capture: ${started.fallback}; recording with the embedded collector`);
    }
    const capture = new Capture();
    let server: CollectorServer;
    try {
      server = await CollectorServer.listen(() => (recording ? recording.bridge.connection(capture.connection()) : capture.connection()));
    } catch (error) {
      await recording?.abandon();
      throw error;
    }
    return new PerfRun(server, capture, recording, files, target, options, context, note);
  }

  readonly records = 'zones';

  /** Variables the workers must inherit. */
  get workerEnv(): Record<string, string> {
    // Empty turns the file profiler off, also when an earlier cpuprofile run in this process set it.
    return { [PERF_MODE_ENV]: 'true', [COLLECTOR_ADDRESS_ENV]: this.server.address, [CPUPROFILE_DIR_ENV]: '' };
  }

  /** Waits for the workers of `files` (absolute paths), ends the capture and stores the run. */
  async finish(files: readonly string[]): Promise<SavedZoneRun> {
    try {
      return await this.save(files);
    } finally {
      await this.abandon();
    }
  }

  /** Stops listening and ends a Tracy capture without saving (watch mode, or the run was cancelled). */
  async abandon(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await this.server.close();
    await this.recording?.abandon();
  }

  private async save(files: readonly string[]): Promise<SavedZoneRun> {
    let missingFiles: string[];
    try {
      missingFiles = await this.capture.waitForFiles(files);
    } finally {
      // Closing drops connections still open: after this nothing more reaches the Tracy client.
      await this.server.close();
    }
    const embedded = this.capture.zoneStats(this.target.root);
    if (embedded.length === 0) {
      throw workError(undefined, 'no zones were recorded: did the tests run with the perf-report runner?');
    }
    const base = { missingFiles, ...(this.note ? { note: this.note } : {}) };
    if (this.recording) {
      const recording = this.recording;
      this.settled = true;
      const tracy = await recording.finish(this.options.captureExitTimeoutMs);
      if ('csvPath' in tracy) {
        const generated = await this.storeAndReport(tracy.csvPath, 'tracy');
        return { ...base, backend: 'tracy', csvPath: tracy.csvPath, tracyPath: `${this.files.base}.tracy`, zones: tracy.zones, generated };
      }
      this.context.log(`perf-report: the Tracy capture failed (${tracy.failure}); storing the embedded collector's statistics instead`);
    }
    const csvPath = `${this.files.base}.csv`;
    await saveEmbeddedCsv(csvPath, embedded);
    const generated = await this.storeAndReport(csvPath, 'embedded');
    return { ...base, backend: 'embedded', csvPath, zones: embedded, generated };
  }

  private async storeAndReport(csvPath: string, backend: 'tracy' | 'embedded'): Promise<GenerateResult> {
    // Loaded here, not at startup: the store and renderer (h5wasm, pdfmake, ECharts) are heavy.
    const { generate } = await import('../pipeline/generate.js');
    const target = this.target;
    return generate({
      input: csvPath,
      outDir: target.outDir,
      version: this.files.version,
      name: this.files.name,
      recordedBackend: backend,
      cwd: target.root,
      ...(target.h5 === undefined ? {} : { h5: target.h5 }),
      ...(target.pdfName ? { pdfName: target.pdfName } : {}),
    });
  }
}
