import { Lz4StreamDecoder, MAX_COMPRESSED_BLOCK } from './lz4-stream.js';
import { readQueueItems, type QueueItem, type Vocabulary } from './queue-items.js';
import { parseWelcome, WELCOME_SIZE, type Welcome } from './welcome.js';

/**
 * The client → capture byte stream after the capture's 12-byte hello (shibboleth and protocol version): one status
 * byte, then (only for status 1, Welcome) the 1170-byte WelcomeMessage, then frames of
 * {u32 compressed size, raw LZ4 block}. Bytes may arrive in any chunking; `push` returns what
 * became complete.
 */

export interface DecodedFrame {
  index: number;
  compressedSize: number;
  decompressedSize: number;
  items: QueueItem[];
}

export type StreamEvent =
  | { kind: 'status'; status: number }
  | { kind: 'welcome'; welcome: Welcome }
  | { kind: 'frame'; frame: DecodedFrame };

export class ClientStreamReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private stage: 'status' | 'welcome' | 'frames' | 'closed' = 'status';
  private readonly lz4 = new Lz4StreamDecoder();
  private frameIndex = 0;

  constructor(private readonly vocab: Vocabulary) {}

  push(chunk: Uint8Array): StreamEvent[] {
    this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.buffered += chunk.byteLength;
    const events: StreamEvent[] = [];
    while (true) {
      if (this.stage === 'status') {
        const head = this.take(1);
        if (!head) break;
        const status = head[0]!;
        events.push({ kind: 'status', status });
        this.stage = status === 1 ? 'welcome' : 'closed';
      } else if (this.stage === 'welcome') {
        const bytes = this.take(WELCOME_SIZE);
        if (!bytes) break;
        events.push({ kind: 'welcome', welcome: parseWelcome(bytes) });
        // Both sides start a fresh LZ4 stream after the welcome (client L1993, server L2831).
        this.lz4.reset();
        this.stage = 'frames';
      } else if (this.stage === 'frames') {
        const size = this.peekU32();
        if (size === undefined) break;
        if (size > MAX_COMPRESSED_BLOCK) throw new Error(`frame ${this.frameIndex} announces ${size} compressed bytes, over Tracy's ${MAX_COMPRESSED_BLOCK}`);
        if (this.buffered < 4 + size) break;
        this.take(4);
        const block = this.take(size)!;
        const decompressed = this.lz4.decode(block);
        const items = readQueueItems(decompressed, this.vocab);
        events.push({ kind: 'frame', frame: { index: this.frameIndex++, compressedSize: size, decompressedSize: decompressed.length, items } });
      } else {
        if (this.buffered > 0) throw new Error(`${this.buffered} bytes after a refusing status byte`);
        break;
      }
    }
    return events;
  }

  /** Bytes received but not yet a whole unit (a partial frame at the end of a stream). */
  get pendingBytes(): number {
    return this.buffered;
  }

  private peekU32(): number | undefined {
    if (this.buffered < 4) return undefined;
    const head = this.chunks[0]!.length >= 4 ? this.chunks[0]! : Buffer.concat(this.chunks);
    return head.readUInt32LE(0);
  }

  private take(count: number): Buffer | undefined {
    if (this.buffered < count) return undefined;
    let out: Buffer;
    const first = this.chunks[0]!;
    if (first.length >= count) {
      out = first.subarray(0, count);
      if (first.length === count) this.chunks.shift();
      else this.chunks[0] = first.subarray(count);
    } else {
      out = Buffer.allocUnsafe(count);
      let filled = 0;
      while (filled < count) {
        const chunk = this.chunks[0]!;
        const used = Math.min(chunk.length, count - filled);
        chunk.copy(out, filled, 0, used);
        filled += used;
        if (used === chunk.length) this.chunks.shift();
        else this.chunks[0] = chunk.subarray(used);
      }
    }
    this.buffered -= count;
    return out;
  }
}
