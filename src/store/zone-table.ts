import type { Metadata } from 'h5wasm/node';
import type { ZoneStat } from '../model/zone-stat.js';

/**
 * The compound layout of a profile dataset, field for field the seed's (seed study 1.4)
 * except that `counts` is int64 (the seed's int32 overflowed at 2^31 calls) and the
 * string widths grow to fit: at least 128 (name) and 256 (src_file) bytes, at most 4096.
 */
export const MIN_NAME_BYTES = 128;
export const MIN_SRC_FILE_BYTES = 256;
export const MAX_STRING_BYTES = 4096;

const utf8 = new TextEncoder();

/** A profile's rows packed in the compound layout, ready for HDF5. */
export interface PackedZones {
  bytes: Uint8Array;
  rows: number;
  dtype: Array<[string, string]>;
}

/**
 * Packs zones into the compound layout directly: h5wasm's own writer takes a column map
 * and interleaves it one value at a time, which is most of the time of a large save.
 */
export function packZones(zones: readonly ZoneStat[]): PackedZones {
  const widest = (pick: (zone: ZoneStat) => string, atLeast: number): number =>
    Math.min(MAX_STRING_BYTES, zones.reduce((max, zone) => Math.max(max, Buffer.byteLength(pick(zone))), atLeast));
  const nameBytes = widest((zone) => zone.name, MIN_NAME_BYTES);
  const fileBytes = widest((zone) => zone.srcFile, MIN_SRC_FILE_BYTES);
  const fileAt = nameBytes;
  const numbersAt = nameBytes + fileBytes;
  const rowSize = numbersAt + 4 + 7 * 8; // src_line int32, then seven 8-byte numbers
  const bytes = Buffer.alloc(rowSize * zones.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  zones.forEach((zone, row) => {
    const start = row * rowSize;
    // Buffer.write stops before a character that does not fit: the cut lands on a boundary.
    bytes.write(zone.name, start, nameBytes, 'utf8');
    bytes.write(zone.srcFile, start + fileAt, fileBytes, 'utf8');
    const at = start + numbersAt;
    view.setInt32(at, zone.srcLine, true);
    setInt64(view, at + 4, zone.totalNs);
    view.setFloat64(at + 12, zone.totalPerc, true);
    setInt64(view, at + 20, zone.counts);
    setInt64(view, at + 28, zone.meanNs);
    setInt64(view, at + 36, zone.minNs);
    setInt64(view, at + 44, zone.maxNs);
    view.setFloat64(at + 52, zone.stdNs, true);
  });
  return {
    bytes,
    rows: zones.length,
    dtype: [
      ['name', `S${nameBytes}`],
      ['src_file', `S${fileBytes}`],
      ['src_line', '<i'],
      ['total_ns', '<q'],
      ['total_perc', '<d'],
      ['counts', '<q'],
      ['mean_ns', '<q'],
      ['min_ns', '<q'],
      ['max_ns', '<q'],
      ['std_ns', '<d'],
    ],
  };
}

/** Little-endian int64 of a safe integer, without a BigInt per value (a large save writes 600,000). */
function setInt64(view: DataView, at: number, value: number): void {
  const whole = Math.round(value);
  const low = whole % 0x1_0000_0000;
  const high = Math.floor(whole / 0x1_0000_0000);
  view.setUint32(at, low < 0 ? low + 0x1_0000_0000 : low, true);
  view.setInt32(at + 4, high, true);
}

function characterBoundary(encoded: Uint8Array, maxBytes: number): number {
  let end = maxBytes;
  // Step back over UTF-8 continuation bytes (10xxxxxx) to the start of a character.
  while (end > 0 && ((encoded[end] ?? 0) & 0xc0) === 0x80) end--;
  return end;
}

/**
 * Cuts a string to at most `maxBytes` of UTF-8 on a character boundary. The seed cut
 * bytes, leaving half a character that decoded as U+FFFD (seed study 1.4).
 */
export function fitUtf8(text: string, maxBytes: number): string {
  const encoded = utf8.encode(text);
  if (encoded.length <= maxBytes) return text;
  return new TextDecoder().decode(encoded.subarray(0, characterBoundary(encoded, maxBytes)));
}

/** A compound member as h5wasm describes it (`metadata.compound_type.members`). */
interface Member {
  name: string;
  offset: number;
  size: number;
  type: number;
  signed: boolean;
  littleEndian: boolean;
}

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;

type FieldReader = (view: DataView, bytes: Uint8Array, rowStart: number) => string | number;

/**
 * Decodes the packed rows of a profile dataset by field name and offset, so files with
 * other widths or int32 `counts` (the seed's) read alike. Fixed strings are decoded as
 * UTF-8 whatever their cset tag: the seed tagged them ASCII while storing UTF-8.
 */
export function decodeZoneRows(bytes: Uint8Array, metadata: Metadata, where: string): ZoneStat[] {
  const members = (metadata.compound_type?.members ?? []) as unknown as Member[];
  const readers = new Map(members.map((member) => [member.name, fieldReader(member, where)]));
  const field = (name: string): FieldReader => {
    const reader = readers.get(name);
    if (!reader) throw new Error(`${where} has no field "${name}" (is it a profile of another backend?)`);
    return reader;
  };
  const name = field('name');
  const srcFile = field('src_file');
  const srcLine = field('src_line');
  const totalNs = field('total_ns');
  const totalPerc = field('total_perc');
  const counts = field('counts');
  const meanNs = field('mean_ns');
  const minNs = field('min_ns');
  const maxNs = field('max_ns');
  const stdNs = field('std_ns');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rowSize = metadata.size;
  const zones: ZoneStat[] = new Array(metadata.total_size);
  for (let row = 0, start = 0; row < metadata.total_size; row++, start += rowSize) {
    zones[row] = {
      name: name(view, bytes, start) as string,
      srcFile: srcFile(view, bytes, start) as string,
      srcLine: srcLine(view, bytes, start) as number,
      totalNs: totalNs(view, bytes, start) as number,
      totalPerc: totalPerc(view, bytes, start) as number,
      counts: counts(view, bytes, start) as number,
      meanNs: meanNs(view, bytes, start) as number,
      minNs: minNs(view, bytes, start) as number,
      maxNs: maxNs(view, bytes, start) as number,
      stdNs: stdNs(view, bytes, start) as number,
    };
  }
  return zones;
}

const utf8Decoder = new TextDecoder('utf-8');

function fieldReader(member: Member, where: string): FieldReader {
  const { offset, size, signed, littleEndian } = member;
  if (member.type === H5T_STRING) {
    return (_view, bytes, start) => {
      const from = start + offset;
      let end = from + size;
      // Fixed strings are padded with NULs (h5wasm pads with NULs even where the type says SPACEPAD).
      while (end > from && bytes[end - 1] === 0) end--;
      return utf8Decoder.decode(bytes.subarray(from, end));
    };
  }
  if (member.type === H5T_FLOAT && size === 8) return (view, _b, start) => view.getFloat64(start + offset, littleEndian);
  if (member.type === H5T_FLOAT && size === 4) return (view, _b, start) => view.getFloat32(start + offset, littleEndian);
  if (member.type === H5T_INTEGER) {
    if (size === 8) {
      return signed
        ? (view, _b, start) => Number(view.getBigInt64(start + offset, littleEndian))
        : (view, _b, start) => Number(view.getBigUint64(start + offset, littleEndian));
    }
    if (size === 4) {
      return signed
        ? (view, _b, start) => view.getInt32(start + offset, littleEndian)
        : (view, _b, start) => view.getUint32(start + offset, littleEndian);
    }
    if (size === 2) return (view, _b, start) => (signed ? view.getInt16 : view.getUint16).call(view, start + offset, littleEndian);
  }
  throw new Error(`${where}: field "${member.name}" has an HDF5 type this reader does not know (class ${member.type}, ${size} bytes)`);
}

/**
 * Profile datasets are chunked and deflated: the fixed-width string fields are mostly
 * padding, so a 100,000-row profile shrinks from 44 MB to 3.7 MB, and level 1 saves as
 * fast as no compression (less to write and fsync; bench/store.bench.mjs). h5py and
 * h5dump read deflate without plugins.
 */
export const ZONE_COMPRESSION = { chunkRows: 4096, level: 1 } as const;
