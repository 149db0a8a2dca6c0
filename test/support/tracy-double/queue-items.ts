/**
 * Queue items as the capture reads them out of a decompressed block, for protocol 76
 * (Tracy 0.13.x) and 82 (Tracy 0.14). The numbers and sizes are the protocol facts in
 * Tracy's TracyQueue.hpp (QueueType, QueueDataSize) at v0.13.1 and v0.14;
 * they are written out here on their own, not imported from src/tracy, so that a wrong number
 * in the client cannot be mirrored by the test double.
 */

export type ItemName =
  | 'ZoneText' | 'ZoneName' | 'Message' | 'MessageColor' | 'MessageAppInfo'
  | 'ZoneBeginAllocSrcLoc' | 'ZoneBegin' | 'ZoneEnd'
  | 'PlotDataInt' | 'PlotDataFloat' | 'PlotDataDouble'
  | 'Terminate' | 'KeepAlive' | 'ThreadContext' | 'Crash'
  | 'ZoneValidation' | 'ZoneColor' | 'ZoneValue' | 'FrameMarkMsg' | 'SourceLocation'
  | 'MessageLiteral' | 'SysTimeReport' | 'PlotConfig'
  | 'AckServerQueryNoop' | 'AckSourceCodeNotAvailable' | 'AckSymbolCodeNotAvailable' | 'CpuTopology'
  | 'SingleStringData' | 'StringData' | 'ThreadName' | 'PlotName' | 'SourceLocationPayload'
  | 'FrameName' | 'FiberName';

/** How the variable tail after the fixed part is sized. */
type Tail = 'none' | 'u8' | 'u16' | 'u16-256';
/** How a zone begin/end time field is stored (82 packs non-negative deltas into 16/32-bit forms). */
type TimeForm = 'i64' | 'u16' | 'u32' | 'i64-packed';

interface ItemSpec {
  name: ItemName;
  /** Bytes including the type byte and, for tailed items, the length field. */
  size: number;
  tail: Tail;
  time?: TimeForm;
}

export interface Vocabulary {
  protocol: number;
  specs: ReadonlyMap<number, ItemSpec>;
  /** The same, indexed by type number. */
  byType: ReadonlyArray<ItemSpec | undefined>;
  /** 82 adds a metadata byte to Message (severity << 4 | source). */
  messageMetadata: boolean;
}

function vocabulary(protocol: number, messageMetadata: boolean, entries: Array<[number, ItemSpec]>): Vocabulary {
  const byType: Array<ItemSpec | undefined> = new Array<ItemSpec | undefined>(256).fill(undefined);
  for (const [type, spec] of entries) byType[type] = spec;
  return { protocol, messageMetadata, specs: new Map(entries), byType };
}

const fixed = (name: ItemName, size: number, time?: TimeForm): ItemSpec => (time ? { name, size, tail: 'none', time } : { name, size, tail: 'none' });
/** String transfers: type, u64 id, u16 length (TracyQueue.hpp QueueStringTransfer + length). */
const transfer = (name: ItemName): ItemSpec => ({ name, size: 11, tail: 'u16' });

export const PROTOCOL_76 = vocabulary(76, false, [
  [0, fixed('ZoneText', 1)],
  [1, fixed('ZoneName', 1)],
  [2, fixed('Message', 9)],
  [3, fixed('MessageColor', 12)],
  [6, fixed('MessageAppInfo', 9)],
  [7, fixed('ZoneBeginAllocSrcLoc', 9, 'i64')],
  [15, fixed('ZoneBegin', 17, 'i64')],
  [17, fixed('ZoneEnd', 9, 'i64')],
  [45, fixed('PlotDataInt', 25)],
  [46, fixed('PlotDataFloat', 21)],
  [47, fixed('PlotDataDouble', 25)],
  [60, fixed('Terminate', 1)],
  [61, fixed('KeepAlive', 1)],
  [62, fixed('ThreadContext', 5)],
  [65, fixed('Crash', 1)],
  [67, fixed('ZoneValidation', 5)],
  [68, fixed('ZoneColor', 4)],
  [69, fixed('ZoneValue', 9)],
  [70, fixed('FrameMarkMsg', 17)],
  [74, fixed('SourceLocation', 32)],
  [78, fixed('MessageLiteral', 17)],
  [84, fixed('SysTimeReport', 13)],
  [93, fixed('PlotConfig', 16)],
  [95, fixed('AckServerQueryNoop', 1)],
  [96, fixed('AckSourceCodeNotAvailable', 5)],
  [97, fixed('AckSymbolCodeNotAvailable', 1)],
  // 17, not the 13 of older headers: u32 package, die, core, thread (the golden session has two).
  [98, fixed('CpuTopology', 17)],
  [99, { name: 'SingleStringData', size: 3, tail: 'u16' }],
  [104, transfer('StringData')],
  [105, transfer('ThreadName')],
  [106, transfer('PlotName')],
  [107, transfer('SourceLocationPayload')],
  [110, transfer('FrameName')],
  [116, transfer('FiberName')],
]);

export const PROTOCOL_82 = vocabulary(82, true, [
  [0, fixed('ZoneText', 1)],
  [1, fixed('ZoneName', 1)],
  [2, fixed('Message', 10)],
  [3, fixed('MessageColor', 13)],
  [7, fixed('ZoneBeginAllocSrcLoc', 9, 'i64')],
  [19, fixed('ZoneBegin', 17, 'i64-packed')],
  [20, fixed('ZoneBegin', 13, 'u32')],
  [21, fixed('ZoneBegin', 11, 'u16')],
  [25, fixed('ZoneEnd', 9, 'i64-packed')],
  [26, fixed('ZoneEnd', 5, 'u32')],
  [27, fixed('ZoneEnd', 3, 'u16')],
  [55, fixed('PlotDataInt', 25)],
  [56, fixed('PlotDataFloat', 21)],
  [57, fixed('PlotDataDouble', 25)],
  [73, fixed('Terminate', 1)],
  [74, fixed('KeepAlive', 1)],
  [75, fixed('ThreadContext', 5)],
  [78, fixed('Crash', 1)],
  [80, fixed('ZoneValidation', 5)],
  [81, fixed('ZoneColor', 4)],
  [83, fixed('FrameMarkMsg', 17)],
  [87, fixed('SourceLocation', 32)],
  [108, fixed('AckServerQueryNoop', 1)],
  [109, fixed('AckSourceCodeNotAvailable', 5)],
  [110, fixed('AckSymbolCodeNotAvailable', 1)],
  [112, { name: 'SingleStringData', size: 3, tail: 'u16-256' }],
  [114, { name: 'SingleStringData', size: 2, tail: 'u8' }],
  [119, transfer('StringData')],
  [120, transfer('ThreadName')],
  [121, transfer('PlotName')],
  [122, transfer('SourceLocationPayload')],
  [125, transfer('FrameName')],
  [131, transfer('FiberName')],
]);

export function vocabularyFor(protocol: number): Vocabulary {
  if (protocol === 76) return PROTOCOL_76;
  if (protocol === 82) return PROTOCOL_82;
  throw new Error(`the fake capture speaks protocol 76 or 82, not ${protocol}`);
}

export interface SourceLocationPayload {
  color: number;
  line: number;
  function: string;
  file: string;
  /** Empty when the payload carries no zone name (Tracy then shows the function). */
  name: string;
}

export interface QueueItem {
  name: ItemName;
  /** The wire type number, so tests can tell 82's compact forms apart. */
  type: number;
  offset: number;
  size: number;
  thread?: number | undefined;
  /** Zone and plot items: the delta, already unpacked; messages and frame marks: absolute. */
  time?: number | undefined;
  /** Pointer or id: srcloc of ZoneBegin, name of plots/frames, id of string transfers. */
  id?: number | undefined;
  value?: number | undefined;
  text?: string | undefined;
  metadata?: number | undefined;
  payload?: SourceLocationPayload | undefined;
  /** The payload bytes as a string key, which is how the capture de-duplicates them. */
  payloadKey?: string | undefined;
  sourceLocation?: { name: number; function: number; file: number; line: number; r: number; g: number; b: number } | undefined;
}

export class QueueItemError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const TWO_32 = 4294967296;
const PACKED_64_BIAS = 65536 + TWO_32;

/** Reads every item of one decompressed block; a block must hold whole items only. */
export function readQueueItems(block: Uint8Array, vocab: Vocabulary): QueueItem[] {
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const i64 = (at: number): number => view.getUint32(at, true) + view.getInt32(at + 4, true) * TWO_32;
  const items: QueueItem[] = [];
  let pos = 0;
  while (pos < block.length) {
    const type = block[pos]!;
    const spec = vocab.byType[type];
    if (!spec) throw new QueueItemError(`unknown queue type ${type} at block offset ${pos} (protocol ${vocab.protocol})`);
    if (pos + spec.size > block.length) throw new QueueItemError(`${spec.name} at ${pos} is cut by the block end (items must not straddle blocks)`);
    let tailLength = 0;
    if (spec.tail === 'u8') tailLength = block[pos + spec.size - 1]!;
    else if (spec.tail === 'u16') tailLength = view.getUint16(pos + spec.size - 2, true);
    else if (spec.tail === 'u16-256') tailLength = view.getUint16(pos + spec.size - 2, true) + 256;
    const size = spec.size + tailLength;
    if (pos + size > block.length) throw new QueueItemError(`${spec.name} at ${pos} with a ${tailLength}-byte tail is cut by the block end`);
    // Every field present from the start: one object shape keeps this loop fast for the bench.
    const item: QueueItem = {
      name: spec.name,
      type,
      offset: pos,
      size,
      thread: undefined,
      time: undefined,
      id: undefined,
      value: undefined,
      text: undefined,
      metadata: undefined,
      payload: undefined,
      payloadKey: undefined,
      sourceLocation: undefined,
    };
    const body = pos + 1;
    const tailStart = pos + spec.size;
    const tail = (): Uint8Array => block.subarray(tailStart, pos + size);
    switch (spec.name) {
      case 'ThreadContext':
        item.thread = view.getUint32(body, true);
        break;
      case 'ZoneBegin':
      case 'ZoneEnd':
      case 'ZoneBeginAllocSrcLoc': {
        const form = spec.time ?? 'i64';
        let width = 8;
        if (form === 'u16') {
          item.time = view.getUint16(body, true);
          width = 2;
        } else if (form === 'u32') {
          item.time = view.getUint32(body, true) + 65536;
          width = 4;
        } else {
          const raw = i64(body);
          item.time = form === 'i64-packed' && raw >= 0 ? raw + PACKED_64_BIAS : raw;
        }
        if (spec.name === 'ZoneBegin') item.id = i64(body + width);
        break;
      }
      case 'Message':
      case 'MessageAppInfo':
        item.time = i64(body);
        if (vocab.messageMetadata && spec.name === 'Message') item.metadata = block[body + 8]!;
        break;
      case 'MessageColor':
        item.time = i64(body);
        item.value = block[body + 8]! | (block[body + 9]! << 8) | (block[body + 10]! << 16);
        break;
      case 'MessageLiteral':
      case 'FrameMarkMsg':
        item.time = i64(body);
        item.id = i64(body + 8);
        break;
      case 'PlotDataInt':
      case 'PlotDataFloat':
      case 'PlotDataDouble':
        item.id = i64(body);
        item.time = i64(body + 8);
        item.value =
          spec.name === 'PlotDataInt' ? i64(body + 16) : spec.name === 'PlotDataFloat' ? view.getFloat32(body + 16, true) : view.getFloat64(body + 16, true);
        break;
      case 'ZoneValidation':
      case 'AckSourceCodeNotAvailable':
        item.id = view.getUint32(body, true);
        break;
      case 'ZoneValue':
        item.value = i64(body);
        break;
      case 'ZoneColor':
        item.value = (block[body + 2]! << 16) | (block[body + 1]! << 8) | block[body]!;
        break;
      case 'SourceLocation':
        item.sourceLocation = {
          name: i64(body),
          function: i64(body + 8),
          file: i64(body + 16),
          line: view.getUint32(body + 24, true),
          b: block[body + 28]!,
          g: block[body + 29]!,
          r: block[body + 30]!,
        };
        break;
      case 'SingleStringData':
        item.text = utf8.decode(tail());
        break;
      case 'StringData':
      case 'ThreadName':
      case 'PlotName':
      case 'FrameName':
      case 'FiberName':
        item.id = i64(body);
        item.text = utf8.decode(tail());
        break;
      case 'SourceLocationPayload':
        item.id = i64(body);
        item.payloadKey = bytes.toString('latin1', tailStart, pos + size);
        break;
      default:
        break;
    }
    items.push(item);
    pos += size;
  }
  return items;
}

/** Splits a SourceLocationPayload tail (TracyWorker.cpp AddSourceLocationPayload): u32 colour, u32 line, function\0, file\0, name. */
export function parseSourceLocationPayload(key: string): SourceLocationPayload {
  const bytes = Buffer.from(key, 'latin1');
  if (bytes.length < 10) throw new QueueItemError(`source location payload of ${bytes.length} bytes is too short`);
  const color = bytes.readUInt32LE(0);
  const line = bytes.readUInt32LE(4);
  const functionEnd = bytes.indexOf(0, 8);
  const fileEnd = functionEnd < 0 ? -1 : bytes.indexOf(0, functionEnd + 1);
  if (functionEnd < 0 || fileEnd < 0) throw new QueueItemError('source location payload lacks the NUL after function or file');
  return {
    color,
    line,
    function: utf8.decode(bytes.subarray(8, functionEnd)),
    file: utf8.decode(bytes.subarray(functionEnd + 1, fileEnd)),
    name: utf8.decode(bytes.subarray(fileEnd + 1)),
  };
}
