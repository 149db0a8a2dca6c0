/**
 * The worker → main-process event stream: length-prefixed binary frames over one socket per
 * worker. Zone events travel as fixed 16-byte records in batches, so the hot path in the
 * worker only writes three numbers into typed arrays; names and source locations are sent
 * once, as definition frames that precede the first batch using them. Events inside one
 * connection are in time order, which is what a live Tracy bridge needs later.
 *
 * All numbers are little-endian. Frame: u32 body length, u8 frame type, body.
 */

export const PROTOCOL_VERSION = 2;

export const FrameType = {
  /** u16 protocol version, u32 pid, u32 thread id, string label, string project. First frame of a connection. */
  Hello: 1,
  /** u32 location id, u32 line, string name, string file. */
  Location: 2,
  /** u32 string id, string text (plot names, message texts). */
  String: 3,
  /** u32 record count, then that many 16-byte event records. */
  Events: 4,
  /** string test file path: every event recorded for that file has been sent before this frame. */
  FileDone: 5,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

/**
 * One event record, 16 bytes: u8 kind, u8 reserved, u16 lane, u32 argument, i64 time (ns of
 * the monotonic clock `process.hrtime.bigint()`, shared by every process of the machine).
 * A lane is a logical thread inside one worker (concurrent tests get their own).
 */
export const RECORD_BYTES = 16;

export const EventKind = {
  /** argument: location id */
  ZoneBegin: 1,
  /** argument: location id of the zone being closed */
  ZoneEnd: 2,
  /** argument: string id of the plot name; the next record is a PlotValue */
  Plot: 3,
  /** the 8 time bytes hold the plotted f64 value; belongs to the previous Plot record */
  PlotValue: 4,
  /** argument: string id of the text */
  Message: 5,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** One decoded event record; `time` is meaningless for a PlotValue, whose bytes are `value`. */
export interface EventRecord {
  kind: number;
  lane: number;
  argument: number;
  time: bigint;
  /** The f64 a PlotValue record carries in its time bytes. */
  value: number;
}

/** Reads record `index` of an Events frame's view into `into` (reused, so a batch allocates nothing). */
export function readRecord(view: DataView, index: number, into: EventRecord): EventRecord {
  const offset = index * RECORD_BYTES;
  into.kind = view.getUint8(offset);
  into.lane = view.getUint16(offset + 2, true);
  into.argument = view.getUint32(offset + 4, true);
  if (into.kind === EventKind.PlotValue) {
    into.value = view.getFloat64(offset + 8, true);
    into.time = 0n;
  } else {
    into.time = view.getBigInt64(offset + 8, true);
    into.value = 0;
  }
  return into;
}

/** A fresh record to read into. */
export function emptyRecord(): EventRecord {
  return { kind: 0, lane: 0, argument: 0, time: 0n, value: 0 };
}

/**
 * Writes one record in the stream's little-endian layout. The worker's Recorder writes the
 * same layout through typed arrays on its hot path; this is for everything else.
 */
export function writeRecord(view: DataView, index: number, record: Omit<EventRecord, 'value' | 'time'> & { time?: bigint; value?: number }): void {
  const offset = index * RECORD_BYTES;
  view.setUint8(offset, record.kind);
  view.setUint8(offset + 1, 0);
  view.setUint16(offset + 2, record.lane, true);
  view.setUint32(offset + 4, record.argument, true);
  if (record.kind === EventKind.PlotValue) view.setFloat64(offset + 8, record.value ?? 0, true);
  else view.setBigInt64(offset + 8, record.time ?? 0n, true);
}

export interface Hello {
  protocolVersion: number;
  pid: number;
  threadId: number;
  label: string;
  /**
   * The Vitest project whose test file this connection carries ('' for a run of one unnamed
   * project, and for Jest): a run of several projects is stored as one profile per project.
   */
  project: string;
}

export interface LocationDefinition {
  id: number;
  name: string;
  file: string;
  line: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Builds one frame: reserves the length prefix and fills it once the body is known. */
class FrameWriter {
  private bytes: Uint8Array;
  private view: DataView;
  private offset = 5;

  constructor(type: FrameType, capacity: number) {
    this.bytes = new Uint8Array(capacity + 5);
    this.view = new DataView(this.bytes.buffer);
    this.bytes[4] = type;
  }

  u16(value: number): this {
    this.ensure(2);
    this.view.setUint16(this.offset, value, true);
    this.offset += 2;
    return this;
  }

  u32(value: number): this {
    this.ensure(4);
    this.view.setUint32(this.offset, value, true);
    this.offset += 4;
    return this;
  }

  string(text: string): this {
    const encoded = encoder.encode(text);
    this.u32(encoded.length);
    this.ensure(encoded.length);
    this.bytes.set(encoded, this.offset);
    this.offset += encoded.length;
    return this;
  }

  raw(chunk: Uint8Array): this {
    this.ensure(chunk.length);
    this.bytes.set(chunk, this.offset);
    this.offset += chunk.length;
    return this;
  }

  finish(): Uint8Array {
    this.view.setUint32(0, this.offset - 4, true);
    return this.bytes.subarray(0, this.offset);
  }

  private ensure(extra: number): void {
    if (this.offset + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.offset + extra));
    grown.set(this.bytes);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}

export function encodeHello(hello: Omit<Hello, 'protocolVersion' | 'project'> & { project?: string }): Uint8Array {
  const project = hello.project ?? '';
  return new FrameWriter(FrameType.Hello, 64 + project.length * 3)
    .u16(PROTOCOL_VERSION)
    .u32(hello.pid)
    .u32(hello.threadId)
    .string(hello.label)
    .string(project)
    .finish();
}

export function encodeLocation(location: LocationDefinition): Uint8Array {
  return new FrameWriter(FrameType.Location, 64 + location.name.length * 3 + location.file.length * 3)
    .u32(location.id)
    .u32(location.line)
    .string(location.name)
    .string(location.file)
    .finish();
}

export function encodeString(id: number, text: string): Uint8Array {
  return new FrameWriter(FrameType.String, 16 + text.length * 3).u32(id).string(text).finish();
}

/** `records` holds `count` records laid out as described at RECORD_BYTES. */
export function encodeEvents(records: Uint8Array, count: number): Uint8Array {
  return new FrameWriter(FrameType.Events, 4 + count * RECORD_BYTES)
    .u32(count)
    .raw(records.subarray(0, count * RECORD_BYTES))
    .finish();
}

export function encodeFileDone(file: string): Uint8Array {
  return new FrameWriter(FrameType.FileDone, 16 + file.length * 3).string(file).finish();
}

/** What a decoded stream delivers; the collector implements it. */
export interface FrameSink {
  hello(hello: Hello): void;
  location(location: LocationDefinition): void;
  string(id: number, text: string): void;
  /** `view` covers exactly `count` records; it is only valid during the call. */
  events(view: DataView, count: number): void;
  fileDone(file: string): void;
}

/**
 * Incremental decoder for one connection: feed it socket chunks in order; complete frames
 * go to the sink, a partial frame waits for the next chunk.
 */
export class FrameDecoder {
  private pending: Uint8Array = new Uint8Array(0);

  constructor(private readonly sink: FrameSink) {}

  push(chunk: Uint8Array): void {
    let data = chunk;
    if (this.pending.length > 0) {
      data = new Uint8Array(this.pending.length + chunk.length);
      data.set(this.pending);
      data.set(chunk, this.pending.length);
    }
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let offset = 0;
    while (data.length - offset >= 4) {
      const length = view.getUint32(offset, true);
      if (data.length - offset - 4 < length) break;
      this.dispatch(new DataView(data.buffer, data.byteOffset + offset + 4, length));
      offset += 4 + length;
    }
    // Copy the remainder: the caller may reuse the chunk's memory.
    this.pending = data.slice(offset);
  }

  /** Bytes of an incomplete frame left at the end of the stream (a worker died mid-write). */
  get leftover(): number {
    return this.pending.length;
  }

  private dispatch(frame: DataView): void {
    const type = frame.getUint8(0);
    const reader = new FrameReader(frame, 1);
    switch (type) {
      case FrameType.Hello:
        this.sink.hello({ protocolVersion: reader.u16(), pid: reader.u32(), threadId: reader.u32(), label: reader.string(), project: reader.string() });
        return;
      case FrameType.Location:
        this.sink.location({ id: reader.u32(), line: reader.u32(), name: reader.string(), file: reader.string() });
        return;
      case FrameType.String:
        this.sink.string(reader.u32(), reader.string());
        return;
      case FrameType.Events: {
        const count = reader.u32();
        this.sink.events(new DataView(frame.buffer, frame.byteOffset + 5, count * RECORD_BYTES), count);
        return;
      }
      case FrameType.FileDone:
        this.sink.fileDone(reader.string());
        return;
      default:
        throw new Error(`perf-report stream: unknown frame type ${type}`);
    }
  }
}

class FrameReader {
  constructor(
    private readonly view: DataView,
    private offset: number,
  ) {}

  u16(): number {
    const value = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return value;
  }

  u32(): number {
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  string(): string {
    const length = this.u32();
    const text = decoder.decode(new Uint8Array(this.view.buffer, this.view.byteOffset + this.offset, length));
    this.offset += length;
    return text;
  }
}
