import { QUERY_SIZE } from './protocol.js';

/** One server query: {u8 type, u64 ptr, u32 extra}; ptr kept as two u32 halves so it can be echoed exactly. */
export interface ServerQueryPacket {
  type: number;
  ptrLow: number;
  ptrHigh: number;
  extra: number;
}

/** Cuts the capture → client byte stream into 13-byte queries, whatever the TCP chunking. */
export class QueryReader {
  private readonly partial = new Uint8Array(QUERY_SIZE);
  private partialLength = 0;

  read(chunk: Uint8Array, onQuery: (query: ServerQueryPacket) => void): void {
    let at = 0;
    if (this.partialLength > 0) {
      const used = Math.min(QUERY_SIZE - this.partialLength, chunk.length);
      this.partial.set(chunk.subarray(0, used), this.partialLength);
      this.partialLength += used;
      at = used;
      if (this.partialLength < QUERY_SIZE) return;
      this.partialLength = 0;
      onQuery(decode(this.partial, 0));
    }
    for (; at + QUERY_SIZE <= chunk.length; at += QUERY_SIZE) onQuery(decode(chunk, at));
    if (at < chunk.length) {
      this.partial.set(chunk.subarray(at), 0);
      this.partialLength = chunk.length - at;
    }
  }
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function decode(bytes: Uint8Array, at: number): ServerQueryPacket {
  return { type: bytes[at]!, ptrLow: u32(bytes, at + 1), ptrHigh: u32(bytes, at + 5), extra: u32(bytes, at + 9) };
}
