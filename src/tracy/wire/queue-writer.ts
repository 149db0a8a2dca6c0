import { encodeLiteralBlock, lz4Bound, Lz4BlockEncoder } from './lz4-block.js';
import { MAX_BLOCK_BYTES, type QueueTypes } from './protocol.js';

/**
 * Serializes queue items into blocks of at most TargetFrameSize (256 KiB) decompressed bytes,
 * each holding whole items only (the capture walks a block item by item, TracyWorker.cpp
 * L2871-2879), and hands every finished block to the sink as one frame: u32 compressed size,
 * then the LZ4 block (TracyWorker.cpp Network).
 *
 * It also keeps the capture's time-delta state: zone begins/ends and plot points carry the
 * difference to the previous such item of the current thread context, and the reference
 * restarts at 0 with every ThreadContext item (TracyWorker.cpp ProcessThreadContext). Ticks are integer nanoseconds.
 */

export type Compression = 'lz4' | 'literal';
export type FrameOutput = (frame: Buffer) => void;

const TWO_16 = 65536;
const TWO_32 = 4294967296;
/** 82 packs zone deltas: u16 below 2^16, u32 (minus 2^16) below 2^16+2^32, else i64 minus both (Tracy v0.14 TracyWorker.cpp ProcessZoneBegin16/32/64). */
const PACKED_64_BIAS = TWO_16 + TWO_32;
const STRING_TRANSFER_HEADER = 11;

export interface WriterStats {
  frames: number;
  /** Decompressed bytes: the queue items themselves. */
  itemBytes: number;
  /** Bytes on the wire: frame headers plus compressed blocks. */
  wireBytes: number;
}

export class QueueWriter {
  readonly stats: WriterStats = { frames: 0, itemBytes: 0, wireBytes: 0 };
  private readonly block = new Uint8Array(MAX_BLOCK_BYTES);
  private readonly view = new DataView(this.block.buffer);
  private readonly encoded = new Uint8Array(4 + lz4Bound(MAX_BLOCK_BYTES));
  private readonly lz4 = new Lz4BlockEncoder();
  private pos = 0;
  private thread = -1;
  private refTick = 0;

  constructor(
    private readonly types: QueueTypes,
    private readonly sink: FrameOutput,
    private readonly compression: Compression = 'lz4',
  ) {}

  get queueTypes(): QueueTypes {
    return this.types;
  }

  get isEmpty(): boolean {
    return this.pos === 0;
  }

  /** Sends what the block holds as one frame. */
  flush(): void {
    if (this.pos === 0) return;
    const length = this.pos;
    const size =
      this.compression === 'lz4' ? this.lz4.encode(this.block, length, this.encoded, 4) : encodeLiteralBlock(this.block, length, this.encoded, 4);
    const frame = Buffer.allocUnsafe(4 + size);
    frame.writeUInt32LE(size, 0);
    frame.set(this.encoded.subarray(4, 4 + size), 4);
    this.pos = 0;
    this.stats.frames++;
    this.stats.itemBytes += length;
    this.stats.wireBytes += frame.length;
    this.sink(frame);
  }

  // ---- timeline items ---------------------------------------------------------------------

  /** A zone with an allocated source location: SourceLocationPayload, then ZoneBeginAllocSrcLoc (TracyQueue.hpp QueueType). */
  zoneBegin(thread: number, tick: number, payload: Uint8Array): void {
    const size = STRING_TRANSFER_HEADER + payload.length + 9;
    this.reserve(size + 5);
    this.switchThread(thread);
    const b = this.block;
    let at = this.pos;
    b[at] = this.types.sourceLocationPayload;
    // The u64 before the length is ignored by the capture (TracyWorker.cpp AddSourceLocationPayload).
    for (let i = 1; i < 9; i++) b[at + i] = 0;
    b[at + 9] = payload.length & 0xff;
    b[at + 10] = payload.length >>> 8;
    at += STRING_TRANSFER_HEADER;
    const n = payload.length;
    if (n < 64) for (let i = 0; i < n; i++) b[at + i] = payload[i]!;
    else b.set(payload, at);
    at += n;
    b[at] = this.types.zoneBeginAllocSrcLoc;
    putI64(b, at + 1, tick - this.refTick);
    this.refTick = tick;
    this.pos = at + 9;
  }

  zoneEnd(thread: number, tick: number): void {
    this.reserve(9 + 5);
    this.switchThread(thread);
    const delta = tick - this.refTick;
    this.refTick = tick;
    const b = this.block;
    const at = this.pos;
    const types = this.types;
    if (types.zoneEnd16 < 0 || delta < 0) {
      b[at] = types.zoneEnd;
      putI64(b, at + 1, delta);
      this.pos = at + 9;
    } else if (delta < TWO_16) {
      b[at] = types.zoneEnd16;
      b[at + 1] = delta & 0xff;
      b[at + 2] = delta >>> 8;
      this.pos = at + 3;
    } else if (delta < PACKED_64_BIAS) {
      b[at] = types.zoneEnd32;
      putU32(b, at + 1, delta - TWO_16);
      this.pos = at + 5;
    } else {
      b[at] = types.zoneEnd;
      putI64(b, at + 1, delta - PACKED_64_BIAS);
      this.pos = at + 9;
    }
  }

  /** A message on `thread` at an absolute tick: the text travels as the staged single string (TracyQueue.hpp SingleStringData). */
  message(thread: number, tick: number, text: Uint8Array): void {
    const types = this.types;
    const short = types.singleStringData8 >= 0 && text.length <= 255;
    const stringSize = (short ? 2 : 3) + text.length;
    const messageSize = types.messageHasMetadata ? 10 : 9;
    this.reserve(stringSize + messageSize + 5);
    this.switchThread(thread);
    const b = this.block;
    let at = this.pos;
    if (short) {
      b[at] = types.singleStringData8;
      b[at + 1] = text.length;
      at += 2;
    } else {
      // 82 stores a long single string's length minus 256 (Tracy v0.14 TracyProfiler.cpp; shorter ones use SingleStringData8).
      const stored = types.singleStringData8 >= 0 ? text.length - 256 : text.length;
      b[at] = types.singleStringData;
      b[at + 1] = stored & 0xff;
      b[at + 2] = stored >>> 8;
      at += 3;
    }
    b.set(text, at);
    at += text.length;
    b[at] = types.message;
    putI64(b, at + 1, tick);
    // Metadata 0: severity and source left at their first values.
    if (types.messageHasMetadata) b[at + 9] = 0;
    this.pos = at + messageSize;
  }

  /** A plot point: its time is a delta on the current thread context's reference (TracyWorker.cpp ProcessPlotDataDouble). */
  plot(nameId: number, tick: number, value: number): void {
    this.reserve(25);
    const b = this.block;
    const at = this.pos;
    b[at] = this.types.plotDataDouble;
    putI64(b, at + 1, nameId);
    putI64(b, at + 9, tick - this.refTick);
    this.refTick = tick;
    this.view.setFloat64(at + 17, value, true);
    this.pos = at + 25;
  }

  terminate(): void {
    this.single(this.types.terminate);
  }

  crash(): void {
    this.single(this.types.crash);
  }

  // ---- query replies ------------------------------------------------------------------------

  /** StringData, ThreadName, PlotName, FrameName, FiberName: type, u64 id, u16 length, bytes. */
  stringTransfer(type: number, idLow: number, idHigh: number, text: Uint8Array): void {
    this.reserve(STRING_TRANSFER_HEADER + text.length);
    const b = this.block;
    const at = this.pos;
    b[at] = type;
    putU32(b, at + 1, idLow);
    putU32(b, at + 5, idHigh);
    b[at + 9] = text.length & 0xff;
    b[at + 10] = text.length >>> 8;
    b.set(text, at + STRING_TRANSFER_HEADER);
    this.pos = at + STRING_TRANSFER_HEADER + text.length;
  }

  /** The 32-byte SourceLocation reply: name, function, file string ids, line, b, g, r. */
  sourceLocation(nameId: number, functionId: number, fileId: number, line: number, color: number): void {
    this.reserve(32);
    const b = this.block;
    const at = this.pos;
    b[at] = this.types.sourceLocation;
    putI64(b, at + 1, nameId);
    putI64(b, at + 9, functionId);
    putI64(b, at + 17, fileId);
    putU32(b, at + 25, line);
    b[at + 29] = color & 0xff;
    b[at + 30] = (color >>> 8) & 0xff;
    b[at + 31] = (color >>> 16) & 0xff;
    this.pos = at + 32;
  }

  ackNoop(): void {
    this.single(this.types.ackServerQueryNoop);
  }

  ackSymbolCodeNotAvailable(): void {
    this.single(this.types.ackSymbolCodeNotAvailable);
  }

  ackSourceCodeNotAvailable(id: number): void {
    this.reserve(5);
    this.block[this.pos] = this.types.ackSourceCodeNotAvailable;
    putU32(this.block, this.pos + 1, id);
    this.pos += 5;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private single(type: number): void {
    this.reserve(1);
    this.block[this.pos++] = type;
  }

  /** Starts a new block when the next `size` bytes would not fit: items never straddle blocks. */
  private reserve(size: number): void {
    if (this.pos + size > MAX_BLOCK_BYTES) this.flush();
  }

  private switchThread(thread: number): void {
    if (thread === this.thread) return;
    const b = this.block;
    const at = this.pos;
    b[at] = this.types.threadContext;
    putU32(b, at + 1, thread);
    this.pos = at + 5;
    this.thread = thread;
    this.refTick = 0;
  }
}

function putU32(b: Uint8Array, at: number, value: number): void {
  b[at] = value & 0xff;
  b[at + 1] = (value >>> 8) & 0xff;
  b[at + 2] = (value >>> 16) & 0xff;
  b[at + 3] = value >>> 24;
}

/** Little-endian two's complement of an integer-valued number (exact below 2^53). */
function putI64(b: Uint8Array, at: number, value: number): void {
  const high = Math.floor(value / TWO_32);
  const low = value - high * TWO_32;
  putU32(b, at, low);
  b[at + 4] = high & 0xff;
  b[at + 5] = (high >> 8) & 0xff;
  b[at + 6] = (high >> 16) & 0xff;
  b[at + 7] = (high >> 24) & 0xff;
}
