/** Server → client queries: 13-byte packed {u8 type, u64 ptr, u32 extra} (Tracy v0.13.1 TracyProtocol.hpp, ServerQueryPacket). */

export const ServerQuery = {
  Terminate: 0,
  String: 1,
  ThreadString: 2,
  SourceLocation: 3,
  PlotName: 4,
  FrameName: 5,
  Parameter: 6,
  FiberName: 7,
  ExternalName: 8,
  Disconnect: 9,
  CallstackFrame: 10,
  Symbol: 11,
  SymbolCode: 12,
  SourceCode: 13,
  DataTransfer: 14,
  DataTransferPart: 15,
} as const;
export type ServerQuery = (typeof ServerQuery)[keyof typeof ServerQuery];

export const QUERY_SIZE = 13;

export interface Query {
  type: number;
  ptr: bigint;
  extra: number;
}

export function encodeQuery(query: Query): Buffer {
  const bytes = Buffer.alloc(QUERY_SIZE);
  bytes[0] = query.type;
  bytes.writeBigUInt64LE(query.ptr, 1);
  bytes.writeUInt32LE(query.extra, 9);
  return bytes;
}

export function decodeQueries(bytes: Uint8Array): Query[] {
  if (bytes.length % QUERY_SIZE !== 0) throw new Error(`${bytes.length} bytes is not a whole number of 13-byte queries`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const queries: Query[] = [];
  for (let at = 0; at < bytes.length; at += QUERY_SIZE) {
    queries.push({ type: bytes[at]!, ptr: view.getBigUint64(at + 1, true), extra: view.getUint32(at + 9, true) });
  }
  return queries;
}
