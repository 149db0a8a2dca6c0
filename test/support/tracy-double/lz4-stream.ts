import { decompressBlock } from 'lz4js';

/**
 * The capture side of Tracy's LZ4 stream: every frame is one raw LZ4 block whose matches may
 * reach back into the previous 64 KiB of *decoded* data (the C++ client compresses with
 * LZ4_compress_fast_continue; tracy-capture decodes with LZ4_decompress_safe_continue into a
 * ring buffer, TracyWorker.cpp Network()). We keep the last 64 KiB in front of the output
 * window, which is the most any LZ4 stream may reference, so every block a real capture
 * accepts decodes here too. The decoding itself is lz4js's (an independent implementation);
 * this file only checks the block's structure and Tracy's size limits around it.
 */

/** Tracy's TargetFrameSize: the most one block may decompress to (TracyProtocol.hpp). */
export const MAX_DECOMPRESSED_BLOCK = 262144;
/** Tracy's LZ4Size: the capture's receive buffer for one compressed block. */
export const MAX_COMPRESSED_BLOCK = 263188;

const WINDOW = 65536;
/** Room to measure an oversized block instead of silently writing past the buffer. */
const OUTPUT_ROOM = 4 * MAX_DECOMPRESSED_BLOCK;
const MIN_MATCH = 4;
/** LZ4 block format: the last 5 bytes are literals, the last match starts 12 bytes before the end. */
const LAST_LITERALS = 5;
const MATCH_FROM_END = 12;

export class Lz4StreamError extends Error {}

export class Lz4StreamDecoder {
  private readonly buffer = new Uint8Array(WINDOW + OUTPUT_ROOM);
  private history = 0;

  /** Forget the dictionary, as both sides do right after the WelcomeMessage. */
  reset(): void {
    this.history = 0;
  }

  /** Decodes one block; the returned view is valid until the next call. */
  decode(block: Uint8Array): Uint8Array {
    if (block.length > MAX_COMPRESSED_BLOCK) {
      throw new Lz4StreamError(`compressed block of ${block.length} bytes exceeds Tracy's ${MAX_COMPRESSED_BLOCK}`);
    }
    const outLength = checkBlockStructure(block, this.history);
    if (outLength > MAX_DECOMPRESSED_BLOCK) {
      throw new Lz4StreamError(`block decompresses to ${outLength} bytes, over Tracy's ${MAX_DECOMPRESSED_BLOCK} limit`);
    }
    const start = this.history;
    const end = decompressBlock(block, this.buffer, 0, block.length, start);
    if (end - start !== outLength) {
      throw new Lz4StreamError(`lz4js produced ${end - start} bytes where the block structure says ${outLength}`);
    }
    const out = this.buffer.slice(start, end);
    this.keepWindow(end);
    return out;
  }

  private keepWindow(end: number): void {
    const keep = Math.min(end, WINDOW);
    this.buffer.copyWithin(0, end - keep, end);
    this.history = keep;
  }
}

/**
 * Walks the block's sequences without producing output: returns the decompressed length and
 * rejects what the LZ4 block format forbids (an offset of 0, a match reaching before the
 * available history, truncated input, a block not ending in literals, the end-of-block rules).
 */
export function checkBlockStructure(block: Uint8Array, historyBytes: number): number {
  let inPos = 0;
  let out = 0;
  let lastMatchStart = -1;
  let lastMatchEnd = 0;
  while (true) {
    if (inPos >= block.length) throw new Lz4StreamError('block ends without a final literal run');
    const token = block[inPos++]!;
    let literals = token >> 4;
    if (literals === 15) {
      let more: number;
      do {
        if (inPos >= block.length) throw new Lz4StreamError('block ends inside a literal length');
        more = block[inPos++]!;
        literals += more;
      } while (more === 255);
    }
    if (inPos + literals > block.length) throw new Lz4StreamError('literal run runs past the end of the block');
    inPos += literals;
    out += literals;
    if (inPos === block.length) break;
    if (inPos + 2 > block.length) throw new Lz4StreamError('block ends inside a match offset');
    const offset = block[inPos]! | (block[inPos + 1]! << 8);
    inPos += 2;
    if (offset === 0) throw new Lz4StreamError(`match offset 0 at decoded byte ${out}`);
    if (offset > out + historyBytes) {
      throw new Lz4StreamError(`match offset ${offset} at decoded byte ${out} reaches before the ${historyBytes}-byte history`);
    }
    let matchLength = token & 15;
    if (matchLength === 15) {
      let more: number;
      do {
        if (inPos >= block.length) throw new Lz4StreamError('block ends inside a match length');
        more = block[inPos++]!;
        matchLength += more;
      } while (more === 255);
    }
    lastMatchStart = out;
    out += matchLength + MIN_MATCH;
    lastMatchEnd = out;
  }
  if (lastMatchStart >= 0) {
    if (out - lastMatchEnd < LAST_LITERALS) throw new Lz4StreamError(`block ends with ${out - lastMatchEnd} literals; LZ4 requires at least ${LAST_LITERALS}`);
    if (out - lastMatchStart < MATCH_FROM_END) throw new Lz4StreamError(`last match starts ${out - lastMatchStart} bytes before the end; LZ4 requires at least ${MATCH_FROM_END}`);
  }
  return out;
}
