import { projectPath } from '../fs/project-path.js';
import type { ZoneStat } from '../model/zone-stat.js';
import type { ConnectionSink } from '../transport/collector-server.js';
import { EventKind, emptyRecord, readRecord, type Hello, type LocationDefinition } from '../transport/event-stream.js';
import { DurationSketch } from './duration-sketch.js';
import { RunningStats } from './running-stats.js';

interface OpenZone {
  location: number;
  start: bigint;
}

interface ZoneRow {
  project: string;
  name: string;
  file: string;
  line: number;
  stats: RunningStats;
  durations: DurationSketch;
}

/**
 * The embedded collector: one run's zone statistics, fed by any number of worker connections. Begin/end events are
 * paired per connection and lane (a lane is one logical thread, so zones on it nest); a zone
 * whose end never came (a crashed worker, a user `begin()` without `end()`) is dropped.
 */
export class ZoneAggregator {
  private readonly rows = new Map<string, ZoneRow>();
  private first: bigint | undefined;
  private last: bigint | undefined;
  private readonly done = new Set<string>();
  private open = 0;
  private waiters: Array<() => void> = [];
  private readonly record = emptyRecord();
  /** Workers that said hello, for diagnostics. */
  readonly workers: Hello[] = [];
  /** Connections that ended without their last batch (worker crashed or was killed). */
  truncatedConnections = 0;

  /** A sink for one new worker connection. */
  connection(): ConnectionSink {
    this.open += 1;
    const locations = new Map<number, ZoneRow>();
    const lanes = new Map<number, OpenZone[]>();
    // The hello comes first on every connection and names the project of its test file.
    let project = '';
    return {
      hello: (hello) => {
        this.workers.push(hello);
        project = hello.project;
      },
      location: (definition) => locations.set(definition.id, this.row(project, definition)),
      string: () => undefined,
      events: (view, count) => this.events(view, count, locations, lanes),
      fileDone: (file) => {
        this.done.add(file);
        this.notify();
      },
      closed: ({ leftoverBytes, error }) => {
        if (leftoverBytes > 0 || error) this.truncatedConnections += 1;
        this.open -= 1;
        this.notify();
      },
    };
  }

  /** Files whose worker said all their events were sent. */
  get doneFiles(): ReadonlySet<string> {
    return this.done;
  }

  get openConnections(): number {
    return this.open;
  }

  /**
   * Resolves once every file in `files` is done, or when no worker is connected any more and
   * `graceMs` passed without news (the missing ones crashed), or after `timeoutMs` at most.
   * Returns the files still missing.
   */
  async waitForFiles(files: readonly string[], { timeoutMs = 5000, graceMs = 250 } = {}): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let quietSince = Date.now();
    for (;;) {
      const missing = files.filter((file) => !this.done.has(file));
      const now = Date.now();
      if (missing.length === 0 || now >= deadline) return missing;
      if (this.open > 0) quietSince = now;
      else if (now - quietSince >= graceMs) return missing;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(50, deadline - now));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Wall span of the run's zones: first zone start to last zone end, in ns. */
  get spanNs(): number {
    return this.first === undefined || this.last === undefined ? 0 : Number(this.last - this.first);
  }

  /** The projects that recorded zones, in name order ('' for a run's unnamed project). */
  get projects(): string[] {
    const names = new Set<string>();
    for (const row of this.rows.values()) if (row.stats.count > 0) names.add(row.project);
    return [...names].sort();
  }

  /**
   * The statistics, paths relative to `root`, largest total first: of every project, or of
   * `project` alone. Percentages are of the whole run's span either way. Each zone also
   * carries itself as round `round` (this aggregator holds one round of a run).
   */
  zoneStats(root: string, project?: string, round = 1): ZoneStat[] {
    const span = this.spanNs;
    const stats: ZoneStat[] = [];
    for (const row of this.rows.values()) {
      const s = row.stats;
      if (s.count === 0 || (project !== undefined && row.project !== project)) continue;
      const quantiles = row.durations.quantiles();
      stats.push({
        name: row.name,
        srcFile: projectPath(row.file, root),
        srcLine: row.line,
        totalNs: s.total,
        totalPerc: span > 0 ? (s.total / span) * 100 : 0,
        counts: s.count,
        meanNs: s.integerMean(),
        minNs: s.min,
        maxNs: s.max,
        stdNs: s.sampleStd(),
        rounds: [
          {
            round,
            counts: s.count,
            totalNs: s.total,
            meanNs: s.total / s.count,
            minNs: s.min,
            maxNs: s.max,
            stdNs: s.sampleStd(),
            p10Ns: quantiles.p10,
            p25Ns: quantiles.p25,
            medianNs: quantiles.p50,
            p75Ns: quantiles.p75,
            p90Ns: quantiles.p90,
          },
        ],
      });
    }
    return stats.sort((a, b) => b.totalNs - a.totalNs || a.name.localeCompare(b.name));
  }

  private row(project: string, definition: LocationDefinition): ZoneRow {
    const key = `${project}\0${definition.name}\0${definition.file}\0${definition.line}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { project, name: definition.name, file: definition.file, line: definition.line, stats: new RunningStats(), durations: new DurationSketch() };
      this.rows.set(key, row);
    }
    return row;
  }

  private events(view: DataView, count: number, locations: Map<number, ZoneRow>, lanes: Map<number, OpenZone[]>): void {
    const record = this.record;
    for (let i = 0; i < count; i++) {
      const { kind, lane, argument: location, time } = readRecord(view, i, record);
      if (kind !== EventKind.ZoneBegin && kind !== EventKind.ZoneEnd) continue;
      let stack = lanes.get(lane);
      if (!stack) {
        stack = [];
        lanes.set(lane, stack);
      }
      if (kind === EventKind.ZoneBegin) {
        stack.push({ location, start: time });
        if (this.first === undefined || time < this.first) this.first = time;
        continue;
      }
      const at = stack.findLastIndex((open) => open.location === location);
      if (at === -1) continue;
      const opened = stack[at] as OpenZone;
      // Zones opened after this one and never closed cannot be timed: drop them.
      stack.length = at;
      const row = locations.get(location);
      if (row) {
        const duration = Number(time - opened.start);
        row.stats.add(duration);
        row.durations.add(duration);
      }
      if (this.last === undefined || time > this.last) this.last = time;
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
