import { AsyncLocalStorage } from 'node:async_hooks';
import { endianness } from 'node:os';
import {
  EventKind,
  RECORD_BYTES,
  encodeEvents,
  encodeFileDone,
  encodeLocation,
  encodeString,
} from '../transport/event-stream.js';
import { WorkerChannel } from '../transport/worker-channel.js';
import { readWorkerSettings } from '../environment.js';

/** Records per batch: 64 KiB, small enough to send often, large enough to amortise the copy. */
const BATCH_RECORDS = 16384;
/** Unsent events wait at most this long, so a crash loses little and a live viewer lags little. */
const FLUSH_INTERVAL_MS = 200;
/**
 * The clock, taken when this module loads: fake timers (Vitest's `vi.useFakeTimers`, sinon's)
 * replace `process.hrtime` with a clock the test drives, and a zone read from it would end
 * before it began or last the time a test advanced.
 */
const monotonicNs = process.hrtime.bigint;

/**
 * The worker side of a capture: hands out ids for zone locations and strings, and writes
 * events into a batch that is sent on the channel when full, on a timer, and when a test file
 * is done. The hot path (`begin`/`end`) writes three numbers into typed arrays.
 */
export class Recorder {
  private readonly bytes = new Uint8Array(BATCH_RECORDS * RECORD_BYTES);
  private readonly words = new Uint32Array(this.bytes.buffer);
  private readonly times = new BigInt64Array(this.bytes.buffer);
  private readonly values = new Float64Array(this.bytes.buffer);
  private count = 0;
  /** Definition frames not sent yet; they go out before the batch that may use them. */
  private definitions: Uint8Array[] = [];
  /**
   * Every location and interned-string definition made so far. The collector keeps ids per
   * connection and a worker opens a new connection for each test file, so a worker reused
   * for another file (Jest, `isolate: false`) sends them again before its first batch.
   */
  private readonly lasting: Uint8Array[] = [];
  private replayDefinitions = false;
  private readonly locationIds = new Map<string, number>();
  private readonly stringIds = new Map<string, number>();
  private nextStringId = 1;
  private lanes: AsyncLocalStorage<number> | undefined;
  private sending: Promise<void> = Promise.resolve();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly channel: WorkerChannel) {
    this.timer = setInterval(() => {
      if (this.count > 0) void this.flush();
    }, FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** The Vitest project of the test files this worker runs next (see Hello.project). */
  set project(name: string) {
    this.channel.project = name;
  }

  /** The id of a zone location; the same (name, file, line) always gets the same id. */
  location(name: string, file: string, line: number): number {
    const key = `${name}\0${file}\0${line}`;
    let id = this.locationIds.get(key);
    if (id === undefined) {
      id = this.locationIds.size + 1;
      this.locationIds.set(key, id);
      this.define(encodeLocation({ id, name, file, line }));
    }
    return id;
  }

  begin(location: number, lane: number): void {
    this.record(EventKind.ZoneBegin, lane, location);
  }

  end(location: number, lane: number): void {
    this.record(EventKind.ZoneEnd, lane, location);
  }

  plot(name: string, value: number): void {
    const id = this.stringId(name);
    this.record(EventKind.Plot, this.currentLane(), id);
    const slot = this.count;
    this.words[slot * 4] = EventKind.PlotValue;
    this.words[slot * 4 + 1] = 0;
    this.values[slot * 2 + 1] = value;
    this.advance();
  }

  message(text: string): void {
    // Each message gets its own string: texts rarely repeat and must not grow the id map.
    const id = this.nextStringId++;
    this.definitions.push(encodeString(id, text));
    this.record(EventKind.Message, this.currentLane(), id);
  }

  /** The logical thread the calling code runs on: 0 unless inside `runInLane`. */
  currentLane(): number {
    return this.lanes?.getStore() ?? 0;
  }

  /**
   * Runs `fn` so that zones opened in it (and in its async continuations) land on `lane`.
   * AsyncLocalStorage is only created on first use: it costs every promise of the process
   * something, and only concurrent tests need it.
   */
  runInLane<T>(lane: number, fn: () => T): T {
    this.lanes ??= new AsyncLocalStorage<number>();
    return this.lanes.run(lane, fn);
  }

  /** Sends what is recorded so far; resolves when it has reached the kernel. */
  flush(): Promise<void> {
    const chunks = this.takePending();
    if (chunks.length > 0) this.sending = this.sending.then(() => this.channel.send(chunks));
    return this.sending;
  }

  /**
   * Declares a test file finished: its events are flushed, then a marker the collector waits
   * for, then the connection is closed (workers of some pools are thrown away with their file).
   */
  async fileDone(files: readonly string[]): Promise<void> {
    for (const file of files) this.definitions.push(encodeFileDone(file));
    await this.flush();
    await this.channel.close();
    this.replayDefinitions = true;
  }

  private define(frame: Uint8Array): void {
    this.lasting.push(frame);
    this.definitions.push(frame);
  }

  private record(kind: number, lane: number, argument: number): void {
    const slot = this.count;
    this.words[slot * 4] = kind | (lane << 16);
    this.words[slot * 4 + 1] = argument;
    this.times[slot * 2 + 1] = monotonicNs();
    this.advance();
  }

  private advance(): void {
    if (++this.count === BATCH_RECORDS) void this.flush();
  }

  private stringId(text: string): number {
    let id = this.stringIds.get(text);
    if (id === undefined) {
      id = this.nextStringId++;
      this.stringIds.set(text, id);
      this.define(encodeString(id, text));
    }
    return id;
  }

  private takePending(): Uint8Array[] {
    let chunks = this.definitions;
    this.definitions = [];
    if (this.replayDefinitions && (chunks.length > 0 || this.count > 0)) {
      // A new connection: everything defined before, then what is new and not among it.
      const lasting = new Set(this.lasting);
      chunks = [...this.lasting, ...chunks.filter((chunk) => !lasting.has(chunk))];
      this.replayDefinitions = false;
    }
    if (this.count > 0) {
      chunks.push(encodeEvents(this.bytes, this.count));
      this.count = 0;
    }
    return chunks;
  }
}

const RECORDER_KEY = Symbol.for('perf-report.recorder');

/**
 * Where a Jest environment leaves the user zones it loaded for the code of a test file, which
 * runs in a realm of its own (the CommonJS entry, zones/commonjs.cts, reads the same key).
 */
export const ENVIRONMENT_ZONES_KEY = Symbol.for('perf-report.zones');

/**
 * The recorder of this worker, or undefined outside perf mode. Kept on globalThis so that two
 * copies of this module (one inlined by Vite, one loaded by Node) share one recorder and one
 * connection.
 */
export function activeRecorder(): Recorder | undefined {
  const global = globalThis as { [RECORDER_KEY]?: Recorder | null };
  const existing = global[RECORDER_KEY];
  if (existing !== undefined) return existing ?? undefined;
  const address = readWorkerSettings().socket;
  // Records are written in the platform's byte order and the stream is little-endian.
  const recorder = address && endianness() === 'LE' ? new Recorder(new WorkerChannel(address, 'worker')) : undefined;
  global[RECORDER_KEY] = recorder ?? null;
  return recorder;
}
