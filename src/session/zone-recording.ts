import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkerSettings } from '../environment.js';
import { workError } from '../errors.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { saveEmbeddedCsv } from '../collect/embedded-csv.js';
import type { RunnerName } from '../collect/tracy-bridge.js';
import { ZoneAggregator } from '../collect/zone-aggregator.js';
import type { GenerateResult } from '../pipeline/generate.js';
import { fileSafeName, runFileName } from '../pipeline/output-names.js';
import { CollectorServer } from '../transport/collector-server.js';
import type { ZoneBackendChoice } from './backend-choice.js';
import type { ResolvedPerfOptions } from './resolved-options.js';
import { TracyRecording } from './tracy-recording.js';

/** The runner a session serves, and where its one-line messages go. */
export interface SessionHost {
  runner: RunnerName;
  log: (line: string) => void;
}

/** A run recorded as zones. */
export interface RecordedZoneRun {
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

  private constructor(
    private readonly server: CollectorServer,
    private readonly aggregator: ZoneAggregator,
    private readonly tracy: TracyRecording | undefined,
    private readonly options: ResolvedPerfOptions,
    private readonly host: SessionHost,
    private readonly note: string | undefined,
  ) {}

  /** Before the first test. Throws when the collector cannot listen. */
  static async start(options: ResolvedPerfOptions, choice: ZoneBackendChoice, host: SessionHost): Promise<ZoneRecording> {
    const note = choice.backend === 'embedded' ? choice.notice : undefined;
    let tracy: TracyRecording | undefined;
    if (choice.backend === 'tracy') {
      const started = await TracyRecording.start({
        tools: choice.tools,
        tracyPath: join(options.outDir, runFileName(options.name, options.version, 'tracy')),
        runner: host.runner,
        root: options.root,
        connection: options.tracy,
        log: host.log,
      });
      if ('recording' in started) tracy = started.recording;
      else host.log(`perf-report: no Tracy capture: ${started.fallback}; recording with the embedded collector`);
    }
    const aggregator = new ZoneAggregator();
    let server: CollectorServer;
    try {
      server = await CollectorServer.listen(() => (tracy ? tracy.bridge.connection(aggregator.connection()) : aggregator.connection()));
    } catch (error) {
      await tracy?.abandon();
      throw error;
    }
    return new ZoneRecording(server, aggregator, tracy, options, host, note);
  }

  /** What the workers must record. */
  get workerSettings(): WorkerSettings {
    return { socket: this.server.address, repeat: this.options.repeat };
  }

  /** Waits for the workers of `files` (absolute paths), ends the capture and stores the run. */
  async finish(files: readonly string[]): Promise<RecordedZoneRun> {
    try {
      return await this.save(files);
    } finally {
      await this.abandon();
    }
  }

  /** Stops listening and ends a Tracy capture without saving (the run was interrupted). */
  async abandon(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await this.server.close();
    await this.tracy?.abandon();
  }

  private async save(files: readonly string[]): Promise<RecordedZoneRun> {
    let missingFiles: string[];
    try {
      missingFiles = await this.aggregator.waitForFiles(files);
    } finally {
      // Closing drops connections still open: after this nothing more reaches the Tracy client.
      await this.server.close();
    }
    const embedded = this.aggregator.zoneStats(this.options.root);
    if (embedded.length === 0) throw workError(undefined, this.noZonesMessage());
    const base = { missingFiles, ...(this.note ? { note: this.note } : {}) };
    const projects = this.aggregator.projects;
    if (projects.length > 1) return this.saveProjects(projects, base);
    if (this.tracy) {
      const tracy = this.tracy;
      this.settled = true;
      const result = await tracy.finish();
      if ('csvPath' in result) {
        const generated = await this.storeAndReport(result.csvPath, 'tracy');
        return { ...base, backend: 'tracy', csvPath: result.csvPath, tracyPath: this.tracyPath(), zones: result.zones, generated };
      }
      this.host.log(`perf-report: the Tracy capture failed (${result.failure}); storing the embedded collector's statistics instead`);
    }
    const csvPath = join(this.options.outDir, runFileName(this.options.name, this.options.version, 'csv'));
    await saveEmbeddedCsv(csvPath, embedded);
    const generated = await this.storeAndReport(csvPath, 'embedded');
    return { ...base, backend: 'embedded', csvPath, zones: embedded, generated };
  }

  /**
   * A run of several Vitest projects: one profile per project, as one run. Each project's CSV
   * is `<out>/<name>.<version>/<project>.csv`, a directory of this run alone (emptied first, so
   * a project renamed since the last run of this version leaves nothing behind). A Tracy
   * capture holds every project's zones in one timeline and is kept (with its CSV export) for
   * the GUI, but only the embedded collector knows which project a zone came from, so its
   * statistics are stored.
   */
  private async saveProjects(projects: readonly string[], base: Pick<RecordedZoneRun, 'missingFiles' | 'note'>): Promise<RecordedZoneRun> {
    const { options } = this;
    let tracyPath: string | undefined;
    if (this.tracy) {
      this.settled = true;
      const result = await this.tracy.finish();
      if ('csvPath' in result) {
        tracyPath = this.tracyPath();
      } else {
        this.host.log(`perf-report: the Tracy capture failed (${result.failure}); storing the embedded collector's statistics`);
      }
    }
    const directory = join(options.outDir, runFileName(options.name, options.version, 'projects'));
    await rm(directory, { recursive: true, force: true });
    const zones: ZoneStat[] = [];
    for (const project of projects) {
      const stats = this.aggregator.zoneStats(options.root, project);
      zones.push(...stats);
      await saveEmbeddedCsv(join(directory, `${fileSafeName(project || options.name)}.csv`), stats);
    }
    const generated = await this.storeAndReport(directory, 'embedded');
    const note = tracyPath ? `one profile per project; the Tracy capture ${tracyPath} holds them all` : base.note;
    return { missingFiles: base.missingFiles, ...(note ? { note } : {}), backend: 'embedded', csvPath: directory, zones, generated };
  }

  private tracyPath(): string {
    return join(this.options.outDir, runFileName(this.options.name, this.options.version, 'tracy'));
  }

  /** What to do when no worker sent a zone: each runner has its own way to miss our instrumentation. */
  private noZonesMessage(): string {
    return this.host.runner === 'jest'
      ? 'no zones were recorded: the tests did not run in perf-report\'s Jest environment; set testEnvironment: "perf-report/jest/environment" ' +
          '(or wrap your own with withPerfZones) in the Jest config, or run them with `npx perf-report jest`'
      : 'no zones were recorded: did the tests run with the perf-report runner? (a project with its own `runner` records only its user zones)';
  }

  private async storeAndReport(input: string, backend: 'tracy' | 'embedded'): Promise<GenerateResult> {
    // Loaded here, not at startup: the store and renderer (h5wasm, pdfmake, ECharts) are heavy.
    const { generate } = await import('../pipeline/generate.js');
    const options = this.options;
    return generate({
      input,
      outDir: options.outDir,
      version: options.version,
      name: options.name,
      recordedBackend: backend,
      cwd: options.root,
      h5: options.h5,
      ...(options.pdfName ? { pdfName: options.pdfName } : {}),
    });
  }
}
