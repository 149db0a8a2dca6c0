import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkerSettings } from '../environment.js';
import { workError } from '../errors.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { saveRoundsCsv } from '../collect/embedded-csv.js';
import { mergeRounds } from '../collect/round-merge.js';
import type { RunnerName } from '../collect/tracy-bridge.js';
import { ZoneAggregator } from '../collect/zone-aggregator.js';
import type { GenerateResult } from '../pipeline/generate.js';
import { runFileName } from '../pipeline/output-names.js';
import { fileInside, HISTORY_FILE } from '../fs/inside-directory.js';
import { CollectorServer } from '../transport/collector-server.js';
import type { ZoneBackendChoice } from './backend-choice.js';
import { reportOptions } from './report-options.js';
import type { ResolvedPerfOptions } from './resolved-options.js';
import { projectsOf, roundsOf, saveRounds, type RoundOutcome } from './round-output.js';
import { TracyRecording, type TracyResult } from './tracy-recording.js';
import { warmUpStoreAndReports } from '../pipeline/warm-up.js';
import { askCheckout, type CheckoutAnswers } from '../pipeline/git-info.js';

/** The runner a session serves, and where its one-line messages go. */
export interface SessionHost {
  runner: RunnerName;
  log: (line: string) => void;
}

/** A run recorded as zones. */
export interface RecordedZoneRun {
  /** Rounds pooled into the stored run. */
  rounds: number;
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
 * The collector side of one perf run recorded as zones. The embedded ZoneAggregator always
 * aggregates every worker event; when Tracy is chosen and tracy-capture connects, the same
 * events also stream live into it (TracyRecording). After the run, the Tracy capture's CSV
 * export is stored when it worked, else the embedded aggregate: a failed capture never loses
 * the run.
 */
export class ZoneRecording {
  readonly records = 'zones';
  private settled = false;
  private tracyResult: TracyResult | undefined;

  private constructor(
    private readonly server: CollectorServer,
    private readonly aggregator: ZoneAggregator,
    private readonly tracy: TracyRecording | undefined,
    private readonly options: ResolvedPerfOptions,
    private readonly host: SessionHost,
    private readonly note: string | undefined,
    /** What git said of the checkout, asked while the tests ran; unset until a worker connects. */
    private readonly firstConnection: { checkout?: CheckoutAnswers },
  ) {}

  /**
   * Before the first test. Throws when the collector cannot listen. `storesRun`: this process
   * stores and reports the run (a round handed back to another process does neither), so what
   * that needs is loaded while the tests run.
   */
  static async start(options: ResolvedPerfOptions, choice: ZoneBackendChoice, host: SessionHost, storesRun: boolean): Promise<ZoneRecording> {
    const note = choice.backend === 'embedded' ? choice.notice : undefined;
    let tracy: TracyRecording | undefined;
    if (choice.backend === 'tracy') {
      const started = await TracyRecording.start({
        tools: choice.tools,
        tracyPath: fileInside(options.outDir, runFileName(options.name, options.version, 'tracy'), 'the Tracy capture'),
        runner: host.runner,
        root: options.root,
        connection: options.tracy,
        log: host.log,
      });
      if ('recording' in started) tracy = started.recording;
      else host.log(`perf-report: no Tracy capture: ${started.fallback}; recording with the embedded collector`);
    }
    const aggregator = new ZoneAggregator();
    // The warm-up waits for the first worker: until then this process is busy starting the
    // runner (Vite's server, the first worker), and loading h5wasm and forking the renderer
    // beside that delayed the first test by ~150 ms on two cores. Once tests run, it is mostly idle.
    // git is asked then too: the checkout's commit, and its ancestry when a stored history may
    // hold a baseline to choose by it (git processes the step after the tests no longer waits for:
    // ~15 ms on an idle machine, 25–30 ms in Jest's busy in-band tail).
    const firstConnection: { checkout?: CheckoutAnswers } = {};
    let warmUp = storesRun
      ? () => {
          warmUpStoreAndReports({ html: options.html });
          firstConnection.checkout = askCheckout(options.root, existsSync(join(options.outDir, HISTORY_FILE)));
        }
      : undefined;
    const openConnection = () => {
      warmUp?.();
      warmUp = undefined;
      return tracy ? tracy.bridge.connection(aggregator.connection()) : aggregator.connection();
    };
    let server: CollectorServer;
    try {
      server = await CollectorServer.listen(openConnection);
    } catch (error) {
      await tracy?.abandon();
      throw error;
    }
    return new ZoneRecording(server, aggregator, tracy, options, host, note, firstConnection);
  }

  /** What the workers must record. */
  get workerSettings(): WorkerSettings {
    return { socket: this.server.address, repeat: this.options.repeat };
  }

  /** Waits for the workers of `files` (absolute paths), ends the capture and stores the run. */
  async finish(files: readonly string[]): Promise<RecordedZoneRun> {
    const round = await this.recordRound(files, 1);
    return this.store([round]);
  }

  /**
   * Waits for the workers of `files` (absolute paths), then ends the collector and the Tracy
   * capture: what this process recorded, as round `round` of its run.
   */
  async recordRound(files: readonly string[], round: number): Promise<RoundOutcome> {
    let missingFiles: string[];
    try {
      missingFiles = await this.aggregator.waitForFiles(files);
    } finally {
      // Closing drops connections still open: after this nothing more reaches the Tracy client.
      await this.server.close();
    }
    const projects = this.aggregator.projects.map((project) => ({ project, zones: this.aggregator.zoneStats(this.options.root, project, round) }));
    if (projects.every((entry) => entry.zones.length === 0)) {
      await this.abandon();
      throw workError(undefined, this.noZonesMessage());
    }
    if (this.tracy) {
      this.settled = true;
      this.tracyResult = await this.tracy.finish();
    }
    await this.abandon();
    return { round, spanNs: this.aggregator.spanNs, projects, missingFiles };
  }

  /**
   * Stores the run made of `rounds` (this process's own and any recorded by round processes)
   * and writes the report. One round of one project recorded live by Tracy stores Tracy's
   * export; otherwise the embedded statistics are stored, pooled over the rounds (each round
   * keeps its own rows in the rounds file either way), one profile per Vitest project. A Tracy
   * capture of several projects holds them all in one timeline and is kept for the GUI, but
   * only the embedded collector knows which project a zone came from.
   */
  async store(rounds: readonly RoundOutcome[]): Promise<RecordedZoneRun> {
    const { options } = this;
    const missingFiles = [...new Set(rounds.flatMap((round) => round.missingFiles))];
    let note = this.note;
    const tracy = this.tracyResult;
    const perProject = projectsOf(rounds).length > 1;
    if (tracy && 'csvPath' in tracy && rounds.length === 1 && !perProject) {
      const { zones } = mergeRounds(roundsOf(rounds));
      await saveRoundsCsv(tracy.csvPath, zones);
      const generated = await this.storeAndReport(tracy.csvPath, 'tracy', rounds.length);
      return { missingFiles, rounds: 1, ...(note ? { note } : {}), backend: 'tracy', csvPath: tracy.csvPath, tracyPath: this.tracyPath(), zones: tracy.zones, generated };
    }
    if (tracy && 'failure' in tracy) {
      this.host.log(`perf-report: the Tracy capture failed (${tracy.failure}); storing the embedded collector's statistics instead`);
    }
    const tracyPath = tracy && 'csvPath' in tracy ? this.tracyPath() : undefined;
    if (tracyPath && perProject) note = `one profile per project; the Tracy capture ${tracyPath} holds them all`;
    const saved = await saveRounds(options.outDir, options.name, options.version, rounds);
    const generated = await this.storeAndReport(saved.input, 'embedded', rounds.length);
    return {
      missingFiles,
      rounds: rounds.length,
      ...(note ? { note } : {}),
      backend: 'embedded',
      csvPath: saved.input,
      ...(tracyPath ? { tracyPath } : {}),
      zones: saved.zones,
      generated,
    };
  }

  private tracyPath(): string {
    return fileInside(this.options.outDir, runFileName(this.options.name, this.options.version, 'tracy'), 'the Tracy capture');
  }

  /** Stops listening and ends a Tracy capture without saving (the run was interrupted). */
  async abandon(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await this.server.close();
    await this.tracy?.abandon();
  }

  /** What to do when no worker sent a zone: each runner has its own way to miss our instrumentation. */
  private noZonesMessage(): string {
    const reached = this.aggregator.doneFiles.size;
    // The instrumentation was there (its workers said when each file was done), but no test ran: the files failed to load.
    if (reached > 0) return `no zones were recorded: ${reached} test file(s) ran in perf mode but none of their tests did (did they fail to load? the runner's errors say)`;
    return this.host.runner === 'jest'
      ? 'no zones were recorded: the tests did not run in perf-report\'s Jest environment; set testEnvironment: "perf-report/jest/environment" ' +
          '(or wrap your own with withPerfZones) in the Jest config, or run them with `npx perf-report jest`'
      : 'no zones were recorded: did the tests run with the perf-report runner? (a project with its own `runner` records only its user zones)';
  }

  private async storeAndReport(input: string, backend: 'tracy' | 'embedded', rounds: number): Promise<GenerateResult> {
    // Loaded here, not at startup: the store and renderer (h5wasm, pdfmake, ECharts) are heavy.
    const { generate } = await import('../pipeline/generate.js');
    const options = this.options;
    return generate({
      input,
      outDir: options.outDir,
      version: options.version,
      name: options.name,
      recordedBackend: backend,
      rounds,
      cwd: options.root,
      ...(this.firstConnection.checkout ? { checkout: this.firstConnection.checkout } : {}),
      h5: options.h5,
      ...reportOptions(options),
    });
  }
}
