import { randomBytes } from 'node:crypto';
import { decompressBlock } from 'lz4js';
import { describe, expect, it } from 'vitest';
import { encodeLiteralBlock, lz4Bound, Lz4BlockEncoder } from '../../src/tracy/wire/lz4-block.js';
import { checkBlockStructure } from '../support/tracy-double/lz4-stream.js';

/** Encodes with our encoder, checks the block format rules, decodes with lz4js (independent). */
function roundTrip(input: Uint8Array, mode: 'lz4' | 'literal'): { size: number; output: Uint8Array } {
  const encoded = new Uint8Array(lz4Bound(input.length) + 8);
  const size = mode === 'lz4' ? new Lz4BlockEncoder().encode(input, input.length, encoded, 8) : encodeLiteralBlock(input, input.length, encoded, 8);
  const block = encoded.subarray(8, 8 + size);
  expect(size).toBeLessThanOrEqual(lz4Bound(input.length));
  expect(checkBlockStructure(block, 0)).toBe(input.length);
  const output = new Uint8Array(input.length);
  expect(decompressBlock(block, output, 0, block.length, 0)).toBe(input.length);
  return { size, output };
}

function queueLike(length: number): Uint8Array {
  // Repeated payloads with varying small deltas, like a block of zone items.
  const bytes = new Uint8Array(length);
  const payload = new TextEncoder().encode('\u0000\u0000\u0000\u0000\u0004\u0000\u0000\u0000adds\u0000/repo/math.test.ts\u0000math > adds');
  let at = 0;
  let seed = 7;
  while (at + payload.length + 20 <= length) {
    bytes.set(payload, at);
    at += payload.length;
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[at] = 7;
    bytes[at + 1] = seed & 0xff;
    bytes[at + 2] = (seed >>> 8) & 0x0f;
    at += 9;
  }
  return bytes;
}

describe('LZ4 block encoder', () => {
  it.each(['lz4', 'literal'] as const)('round-trips edge sizes in %s mode', (mode) => {
    for (const length of [0, 1, 4, 5, 11, 12, 13, 14, 15, 16, 270, 1000]) {
      const input = queueLike(length).map((byte, index) => (index % 3 === 0 ? byte : index & 0xff));
      expect(roundTrip(input, mode).output).toEqual(input);
    }
  });

  it('round-trips random data, long runs and a full 256 KiB queue-like block', () => {
    const inputs = [randomBytes(100_000), new Uint8Array(262_144).fill(0x41), queueLike(262_144), Buffer.concat([randomBytes(70_000), queueLike(70_000), randomBytes(300)])];
    for (const input of inputs) expect(roundTrip(input, 'lz4').output).toEqual(new Uint8Array(input));
  });

  it('compresses repetitive queue data well and keeps incompressible data within the bound', () => {
    const queue = queueLike(262_144);
    expect(roundTrip(queue, 'lz4').size).toBeLessThan(queue.length / 4);
    const noise = randomBytes(262_144);
    expect(roundTrip(noise, 'lz4').size).toBeLessThanOrEqual(263_188 - 4);
    // A full literal-only block still fits Tracy's receive buffer (LZ4Size 263188).
    expect(roundTrip(noise, 'literal').size).toBe(262_144 + 1 + Math.ceil((262_144 - 15 + 1) / 255));
  });
});
