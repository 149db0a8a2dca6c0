/**
 * An LZ4 *block* encoder (the raw block format: sequences of token, literals, 16-bit offset,
 * match length; no frame header, no checksum), which is what Tracy frames carry (TracyWorker.cpp Network: LZ4_decompress_safe_continue into 256 KiB blocks).
 *
 * Every block is independent: matches only reach back inside the block being written, so a
 * block decodes the same whatever the capture's streaming decoder holds from earlier blocks
 * (the protocol notes record that tracy-capture accepts such blocks). The compressor is a
 * greedy single-probe hash matcher, the classic LZ4 fast strategy; a literal-only encoder is
 * kept for measurement and as the fallback a caller may choose.
 *
 * Format rules honoured (LZ4 block format description): minimum match 4 bytes; offsets
 * 1..65535; the last 5 bytes of a block are literals; the last match starts at least 12 bytes
 * before the end; lengths of 15 or more continue in bytes of 255 plus a remainder.
 */

const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MATCH_START_MARGIN = 12;
const MAX_OFFSET = 65535;
const HASH_BITS = 14;
/** After this many misses in a row the scan starts skipping ahead (incompressible data). */
const SKIP_SHIFT = 6;
/** Literal runs shorter than this are copied byte by byte: cheaper than a subarray + set. */
const SHORT_COPY = 24;

/** The worst case size of an encoded block (LZ4_COMPRESSBOUND). */
export function lz4Bound(length: number): number {
  return length + Math.floor(length / 255) + 16;
}

function read32(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
}

function hash(sequence: number): number {
  return Math.imul(sequence, 2654435761) >>> (32 - HASH_BITS);
}

/** Writes a length's continuation bytes (after the 15 in the token's nibble); returns the new offset. */
function writeLengthTail(dst: Uint8Array, at: number, rest: number): number {
  while (rest >= 255) {
    dst[at++] = 255;
    rest -= 255;
  }
  dst[at++] = rest;
  return at;
}

function copyLiterals(src: Uint8Array, from: number, count: number, dst: Uint8Array, at: number): number {
  if (count < SHORT_COPY) {
    for (let i = 0; i < count; i++) dst[at + i] = src[from + i]!;
  } else {
    dst.set(src.subarray(from, from + count), at);
  }
  return at + count;
}

/** The final sequence: literals only. */
function writeLastLiterals(src: Uint8Array, from: number, count: number, dst: Uint8Array, at: number): number {
  if (count >= 15) {
    dst[at++] = 0xf0;
    at = writeLengthTail(dst, at, count - 15);
  } else {
    dst[at++] = count << 4;
  }
  return copyLiterals(src, from, count, dst, at);
}

/** A valid block holding `src[0, length)` as one literal run: 0.4 % larger than the input. */
export function encodeLiteralBlock(src: Uint8Array, length: number, dst: Uint8Array, dstOffset: number): number {
  return writeLastLiterals(src, 0, length, dst, dstOffset) - dstOffset;
}

export class Lz4BlockEncoder {
  /** Last position (+1; 0 = none) seen for each hash of 4 bytes, for the current block only. */
  private readonly table = new Int32Array(1 << HASH_BITS);

  /**
   * Compresses `src[0, length)` into `dst` at `dstOffset` (which needs lz4Bound(length) bytes
   * of room) and returns the encoded size.
   */
  encode(src: Uint8Array, length: number, dst: Uint8Array, dstOffset: number): number {
    const table = this.table;
    table.fill(0);
    let out = dstOffset;
    let anchor = 0;
    let pos = 0;
    const lastMatchStart = length - MATCH_START_MARGIN;
    const matchEndLimit = length - LAST_LITERALS;
    let misses = 0;
    while (pos <= lastMatchStart) {
      const sequence = read32(src, pos);
      const slot = hash(sequence);
      let candidate = table[slot]! - 1;
      table[slot] = pos + 1;
      if (candidate < 0 || pos - candidate > MAX_OFFSET || read32(src, candidate) !== sequence) {
        pos += 1 + (misses++ >> SKIP_SHIFT);
        continue;
      }
      misses = 0;
      // Grow the match backwards over literals not yet emitted, then forwards.
      while (pos > anchor && candidate > 0 && src[pos - 1] === src[candidate - 1]) {
        pos--;
        candidate--;
      }
      let matchLength = MIN_MATCH;
      const maxLength = matchEndLimit - pos;
      while (matchLength < maxLength && src[candidate + matchLength] === src[pos + matchLength]) matchLength++;

      const literalCount = pos - anchor;
      const tokenAt = out++;
      let token: number;
      if (literalCount >= 15) {
        token = 0xf0;
        out = writeLengthTail(dst, out, literalCount - 15);
      } else {
        token = literalCount << 4;
      }
      out = copyLiterals(src, anchor, literalCount, dst, out);
      const offset = pos - candidate;
      dst[out++] = offset & 0xff;
      dst[out++] = offset >>> 8;
      const lengthCode = matchLength - MIN_MATCH;
      if (lengthCode >= 15) {
        token |= 15;
        out = writeLengthTail(dst, out, lengthCode - 15);
      } else {
        token |= lengthCode;
      }
      dst[tokenAt] = token;

      pos += matchLength;
      anchor = pos;
      // Remember a position inside the match too, so the next repeat of this run is found.
      if (pos - 2 <= lastMatchStart) table[hash(read32(src, pos - 2))] = pos - 1;
    }
    out = writeLastLiterals(src, anchor, length - anchor, dst, out);
    return out - dstOffset;
  }
}
