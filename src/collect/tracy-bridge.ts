import { messageOf } from '../errors.js';
import type { TracyClient, ZoneSite } from '../tracy/index.js';
import type { ConnectionSink } from '../transport/collector-server.js';
import { projectPath } from '../fs/project-path.js';
import { EventKind, emptyRecord, readRecord, type Hello } from '../transport/event-stream.js';

/** The part of the Tracy client the bridge drives (a test may pass a recorder of calls). */
export type TracyTarget = Pick<TracyClient, 'threadName' | 'zoneBegin' | 'zoneEnd' | 'message' | 'plot'>;

export type RunnerName = 'vitest' | 'jest';

interface Lane {
  thread: number;
  /**
   * Location ids of the zones open on this lane, innermost last, as the embedded ZoneAggregator keeps
   * them; negative for a zone not sent to Tracy (its location was never defined).
   */
  open: number[];
  lastTime: bigint;
}

interface ConnectionState {
  worker: string | undefined;
  sites: Map<number, ZoneSite>;
  strings: Map<number, string>;
  lanes: Map<number, Lane>;
  /** A Plot record whose PlotValue record has not come yet (it may start the next batch). */
  plot: { name: string; time: bigint } | undefined;
}

/**
 * Forwards every decoded worker event to the live Tracy client while the embedded collector
 * aggregates the same events, so the Tracy capture and the fallback CSV see one stream.
 *
 * Each worker lane becomes one Tracy thread: a worker's lane 0 is `vitest worker 3` (numbered
 * in order of appearance), its concurrent-test lanes are threads of their own, and the main
 * process is `main`. Tracy threads are keyed by worker and lane, not by connection: a worker
 * reconnects for every test file and is still the same thread.
 *
 * Zones end the way the embedded ZoneAggregator pairs them (by location, innermost matching zone),
 * so both backends count the same zones. One difference cannot be avoided live: a zone opened
 * inside another and never closed is dropped by the ZoneAggregator but has already begun in Tracy,
 * so it is ended together with the zone around it.
 */
export class TracyBridge {
  private readonly threadIds = new Map<string, number>();
  private readonly workerNumbers = new Map<string, number>();
  private failed = false;
  private readonly record = emptyRecord();

  constructor(
    private readonly client: TracyTarget,
    private readonly runner: RunnerName,
    private readonly root: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Wraps the embedded collector's sink of one worker connection: every frame reaches both. */
  connection(inner: ConnectionSink): ConnectionSink {
    const state: ConnectionState = { worker: undefined, sites: new Map(), strings: new Map(), lanes: new Map(), plot: undefined };
    return {
      hello: (hello) => {
        inner.hello(hello);
        this.guarded(() => (state.worker = this.workerOf(hello)));
      },
      location: (definition) => {
        inner.location(definition);
        state.sites.set(definition.id, { name: definition.name, file: projectPath(definition.file, this.root), line: definition.line });
      },
      string: (id, text) => {
        inner.string(id, text);
        state.strings.set(id, text);
      },
      events: (view, count) => {
        inner.events(view, count);
        this.guarded(() => this.forward(state, view, count));
      },
      fileDone: (file) => inner.fileDone(file),
      closed: (info) => {
        this.guarded(() => this.closeLanes(state));
        inner.closed(info);
      },
    };
  }

  private forward(state: ConnectionState, view: DataView, count: number): void {
    const record = this.record;
    for (let i = 0; i < count; i++) {
      const { kind, argument, time } = readRecord(view, i, record);
      if (kind === EventKind.PlotValue) {
        if (state.plot) this.client.plot(state.plot.name, state.plot.time, record.value);
        state.plot = undefined;
        continue;
      }
      if (kind === EventKind.Plot) {
        const name = state.strings.get(argument);
        state.plot = name === undefined ? undefined : { name, time };
        continue;
      }
      const lane = this.lane(state, record.lane);
      lane.lastTime = time;
      if (kind === EventKind.ZoneBegin) {
        const site = state.sites.get(argument);
        lane.open.push(site ? argument : -argument);
        if (site) this.client.zoneBegin(lane.thread, time, site);
      } else if (kind === EventKind.ZoneEnd) {
        let at = lane.open.length - 1;
        while (at >= 0 && Math.abs(lane.open[at]!) !== argument) at--;
        if (at === -1) continue;
        this.endZones(lane, at, time);
      } else if (kind === EventKind.Message) {
        const text = state.strings.get(argument);
        if (text !== undefined) this.client.message(lane.thread, time, text);
        // Message texts are sent once each and never reused: keep the table small.
        state.strings.delete(argument);
      }
    }
  }

  /**
   * A connection that ended with zones open (a crashed worker, a `begin()` without `end()`)
   * closes them at its last event, so the next file on the same worker does not nest in them.
   */
  private closeLanes(state: ConnectionState): void {
    for (const lane of state.lanes.values()) this.endZones(lane, 0, lane.lastTime);
  }

  /** Ends the zones open on `lane` from index `from` on, innermost first. */
  private endZones(lane: Lane, from: number, time: bigint): void {
    for (let i = lane.open.length - 1; i >= from; i--) if (lane.open[i]! > 0) this.client.zoneEnd(lane.thread, time);
    lane.open.length = from;
  }

  private lane(state: ConnectionState, index: number): Lane {
    let lane = state.lanes.get(index);
    if (!lane) {
      const worker = state.worker ?? 'unknown';
      const key = `${worker}/${index}`;
      let thread = this.threadIds.get(key);
      if (thread === undefined) {
        thread = this.threadIds.size + 1;
        this.threadIds.set(key, thread);
        const base = this.workerName(worker);
        this.client.threadName(thread, index === 0 ? base : `${base} · concurrent ${index}`);
      }
      lane = { thread, open: [], lastTime: 0n };
      state.lanes.set(index, lane);
    }
    return lane;
  }

  private workerOf(hello: Hello): string {
    const worker = `${hello.pid}:${hello.threadId}`;
    if (!this.workerNumbers.has(worker) && !(hello.pid === process.pid && hello.threadId === 0)) {
      this.workerNumbers.set(worker, this.workerNumbers.size + 1);
    }
    return worker;
  }

  private workerName(worker: string): string {
    if (worker === `${process.pid}:0`) return 'main';
    const number = this.workerNumbers.get(worker);
    return number === undefined ? `${this.runner} worker` : `${this.runner} worker ${number}`;
  }

  /** A fault on the Tracy side must never cost the embedded collector its data. */
  private guarded(work: () => void): void {
    if (this.failed) return;
    try {
      work();
    } catch (error) {
      this.failed = true;
      this.log(`perf-report: stopped forwarding zones to Tracy: ${messageOf(error)}`);
    }
  }
}
