/**
 * The numbers of Tracy's wire protocol that this client speaks: the handshake, the limits of
 * the LZ4 framing, the server queries, and the queue item types of protocol 76 (Tracy 0.13.x)
 * and 82 (Tracy 0.14). Sources: Tracy's TracyProtocol.hpp and TracyQueue.hpp, as collected in
 * Tracy's public/common/TracyQueue.hpp and TracyProtocol.hpp at v0.13.1 (protocol 76) and v0.14 (82).
 */

/** The capture opens with these 8 ASCII bytes and a u32 protocol version (HandshakeShibboleth). */
export const SHIBBOLETH = 'TracyPrf';
export const HELLO_SIZE = 12;

/** HandshakeStatus, the one byte the client answers the hello with. */
export const HandshakeStatus = {
  Welcome: 1,
  ProtocolMismatch: 2,
  NotAvailable: 3,
} as const;

/**
 * TargetFrameSize: the most one LZ4 block may decompress to; tracy-capture crashes beyond it.
 * Its receive buffer for a compressed block (LZ4Size, 263188 bytes) is LZ4's worst-case bound
 * for this size, so any block that decompresses to at most this fits.
 */
export const MAX_BLOCK_BYTES = 262144;

/** ServerQuery: the type byte of the capture's 13-byte {u8 type, u64 ptr, u32 extra} queries. */
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
export const QUERY_SIZE = 13;

/** The queue item numbers this client writes, which differ between protocol versions. */
export interface QueueTypes {
  readonly protocol: number;
  readonly message: number;
  readonly zoneBeginAllocSrcLoc: number;
  readonly zoneEnd: number;
  /** 82 only: ZoneEnd32/ZoneEnd16 for small non-negative deltas (added in protocol 82); -1 in 76. */
  readonly zoneEnd32: number;
  readonly zoneEnd16: number;
  readonly plotDataDouble: number;
  readonly terminate: number;
  readonly threadContext: number;
  readonly crash: number;
  readonly sourceLocation: number;
  readonly ackServerQueryNoop: number;
  readonly ackSourceCodeNotAvailable: number;
  readonly ackSymbolCodeNotAvailable: number;
  readonly singleStringData: number;
  /** 82 only: SingleStringData8, u8 length for strings up to 255 bytes (added in protocol 82); -1 in 76. */
  readonly singleStringData8: number;
  readonly stringData: number;
  readonly threadName: number;
  readonly plotName: number;
  readonly sourceLocationPayload: number;
  readonly frameName: number;
  readonly fiberName: number;
  /** 82 adds a metadata byte (severity << 4 | source) after a Message's time (Tracy v0.14 TracyQueue.hpp QueueMessage). */
  readonly messageHasMetadata: boolean;
}

export const PROTOCOL_76: QueueTypes = {
  protocol: 76,
  message: 2,
  zoneBeginAllocSrcLoc: 7,
  zoneEnd: 17,
  zoneEnd32: -1,
  zoneEnd16: -1,
  plotDataDouble: 47,
  terminate: 60,
  threadContext: 62,
  crash: 65,
  sourceLocation: 74,
  ackServerQueryNoop: 95,
  ackSourceCodeNotAvailable: 96,
  ackSymbolCodeNotAvailable: 97,
  singleStringData: 99,
  singleStringData8: -1,
  stringData: 104,
  threadName: 105,
  plotName: 106,
  sourceLocationPayload: 107,
  frameName: 110,
  fiberName: 116,
  messageHasMetadata: false,
};

/** Protocol 82 renumbered the queue (new compact zone, callstack, section and 8-bit string types). */
export const PROTOCOL_82: QueueTypes = {
  protocol: 82,
  message: 2,
  zoneBeginAllocSrcLoc: 7,
  zoneEnd: 25,
  zoneEnd32: 26,
  zoneEnd16: 27,
  plotDataDouble: 57,
  terminate: 73,
  threadContext: 75,
  crash: 78,
  sourceLocation: 87,
  ackServerQueryNoop: 108,
  ackSourceCodeNotAvailable: 109,
  ackSymbolCodeNotAvailable: 110,
  singleStringData: 112,
  singleStringData8: 114,
  stringData: 119,
  threadName: 120,
  plotName: 121,
  sourceLocationPayload: 122,
  frameName: 125,
  fiberName: 131,
  messageHasMetadata: true,
};

export const SUPPORTED_PROTOCOLS: ReadonlyMap<number, QueueTypes> = new Map([
  [76, PROTOCOL_76],
  [82, PROTOCOL_82],
]);
