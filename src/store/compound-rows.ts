import type { Metadata } from 'h5wasm/node';

/**
 * Packing rows into an HDF5 compound layout and reading them back, by field name. h5wasm
 * has a compound writer, but it takes a map of columns and interleaves them one value at
 * a time (most of a large save's time), and its reader decodes row by row (about 2 s for
 * 50,000 rows) with ASCII-tagged strings as latin1; these work on the packed bytes.
 */

/** Fixed-length strings grow to the longest value up to this many bytes. */
export const MAX_STRING_BYTES = 4096;

export type FieldKind = 'string' | 'int32' | 'int64' | 'float64';

export interface FieldSpec<Row> {
  name: string;
  kind: FieldKind;
  /** For strings: the narrowest width (the original tool's S128/S256 keep their size). */
  minBytes?: number;
  value: (row: Row) => string | number;
}

export interface PackedRows {
  bytes: Uint8Array;
  rows: number;
  /** h5wasm dtype: `[name, 'S<n>' | '<i' | '<q' | '<d']` per field, in order. */
  dtype: Array<[string, string]>;
}

/** Rows packed per block: a block of the widest zone rows stays within a core's cache. */
const PACK_BLOCK_ROWS = 256;

const FIXED_SIZE: Record<Exclude<FieldKind, 'string'>, number> = { int32: 4, int64: 8, float64: 8 };
const DTYPE: Record<Exclude<FieldKind, 'string'>, string> = { int32: '<i', int64: '<q', float64: '<d' };

export function packRows<Row>(rows: readonly Row[], fields: readonly FieldSpec<Row>[]): PackedRows {
  // Each string field's values are taken once: they size the field and are then written.
  const texts = fields.map((field) => (field.kind === 'string' ? rows.map((row) => storedText(String(field.value(row)))) : undefined));
  const sizes = fields.map((field, index) => {
    if (field.kind !== 'string') return FIXED_SIZE[field.kind];
    let widest = field.minBytes ?? 1;
    for (const text of texts[index] as string[]) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit: a short text cannot widen the field.
      if (text.length * 3 > widest) widest = Math.max(widest, Buffer.byteLength(text));
    }
    return Math.min(MAX_STRING_BYTES, widest);
  });
  const offsets = sizes.map((_, index) => sizes.slice(0, index).reduce((sum, size) => sum + size, 0));
  const rowSize = sizes.reduce((sum, size) => sum + size, 0);
  const bytes = Buffer.alloc(rowSize * rows.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Block by block, each field across the block: a field-by-field pass over all rows walks the
  // whole buffer (44 MB for 100,000 zone rows) once per field; blocks packed those ~8 % faster.
  for (let first = 0; first < rows.length; first += PACK_BLOCK_ROWS) {
    const end = Math.min(rows.length, first + PACK_BLOCK_ROWS);
    fields.forEach((field, index) => {
      const size = sizes[index] as number;
      const { value } = field;
      const start = first * rowSize + (offsets[index] as number);
      switch (field.kind) {
        case 'string': {
          const values = texts[index] as string[];
          for (let row = first, at = start; row < end; row++, at += rowSize) writeText(bytes, values[row] as string, at, size);
          break;
        }
        case 'int32':
          for (let row = first, at = start; row < end; row++, at += rowSize) view.setInt32(at, Number(value(rows[row] as Row)), true);
          break;
        case 'int64':
          for (let row = first, at = start; row < end; row++, at += rowSize) setInt64(view, at, Number(value(rows[row] as Row)));
          break;
        case 'float64':
          for (let row = first, at = start; row < end; row++, at += rowSize) view.setFloat64(at, Number(value(rows[row] as Row)), true);
          break;
      }
    });
  }
  const dtype = fields.map((field, index): [string, string] => [field.name, field.kind === 'string' ? `S${sizes[index]}` : DTYPE[field.kind]]);
  return { bytes, rows: rows.length, dtype };
}

/**
 * Writes `text` as UTF-8 into `size` bytes at `at`. Zone names and paths are nearly always
 * ASCII, copied a unit at a time (Buffer.write costs more per call than a short copy); any
 * other text goes through Buffer.write, which stops before a character that does not fit,
 * so a cut lands on a boundary.
 */
function writeText(bytes: Buffer, text: string, at: number, size: number): void {
  const length = text.length;
  if (length <= size) {
    let unit = 0;
    for (; unit < length; unit++) {
      const code = text.charCodeAt(unit);
      if (code > 0x7f) break;
      bytes[at + unit] = code;
    }
    if (unit === length) return;
  }
  bytes.write(text, at, size, 'utf8');
}

/** Little-endian int64 of a safe integer, without a BigInt per value. */
function setInt64(view: DataView, at: number, value: number): void {
  const whole = Math.round(value);
  const low = whole % 0x1_0000_0000;
  view.setUint32(at, low < 0 ? low + 0x1_0000_0000 : low, true);
  view.setInt32(at + 4, Math.floor(whole / 0x1_0000_0000), true);
}

/**
 * A text as a fixed-width string field keeps it. HDF5 pads such fields with NULs, so a NUL
 * inside a text would end it when read back (a test title may hold one: ufo's suite has
 * `'\0javascript:'` cases); it is stored as the two characters `\0`, as JavaScript writes
 * it. A text longer than MAX_STRING_BYTES of UTF-8 is cut on a character boundary.
 */
export function storedText(text: string): string {
  const visible = text.includes('\0') ? text.replaceAll('\0', '\\0') : text;
  return visible.length * 3 > MAX_STRING_BYTES ? fitUtf8(visible, MAX_STRING_BYTES) : visible;
}

/**
 * Cuts a string to at most `maxBytes` of UTF-8 on a character boundary, as the packer
 * does. The original tool cut bytes, leaving half a character that read back as U+FFFD.
 */
export function fitUtf8(text: string, maxBytes: number): string {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.length <= maxBytes) return text;
  const cut = Buffer.alloc(maxBytes);
  const written = cut.write(text, 0, maxBytes, 'utf8');
  return cut.subarray(0, written).toString('utf8');
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

export type FieldReader = (row: number) => string | number;

/**
 * Field readers over packed rows, looked up by name, whatever the widths and integer
 * sizes (the original tool wrote int32 counts). Fixed strings are decoded as UTF-8 whatever their
 * cset tag: the original tool tagged them ASCII while storing UTF-8.
 */
export function compoundReader(bytes: Uint8Array, metadata: Metadata, where: string): (name: string) => FieldReader {
  const members = (metadata.compound_type?.members ?? []) as unknown as Member[];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rowSize = metadata.size;
  return (name) => {
    const member = members.find((candidate) => candidate.name === name);
    if (!member) throw new Error(`${where} has no field "${name}" (is it a profile of another backend?)`);
    return fieldReader(member, bytes, view, rowSize, where);
  };
}

function fieldReader(member: Member, bytes: Uint8Array, view: DataView, rowSize: number, where: string): FieldReader {
  const { offset, size, signed, littleEndian } = member;
  const at = (row: number): number => row * rowSize + offset;
  if (member.type === H5T_STRING) {
    // A Buffer over the same memory: its toString decodes a range without a view per value.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return (row) => {
      const from = at(row);
      // h5wasm pads with NULs even where the type says SPACEPAD; a value holds none (see storedText).
      const nul = bytes.indexOf(0, from);
      return text.toString('utf8', from, nul < 0 || nul > from + size ? from + size : nul);
    };
  }
  if (member.type === H5T_FLOAT && size === 8) return (row) => view.getFloat64(at(row), littleEndian);
  if (member.type === H5T_FLOAT && size === 4) return (row) => view.getFloat32(at(row), littleEndian);
  if (member.type === H5T_INTEGER && size === 8) {
    // Two 32-bit halves rather than a BigInt per value: the sum rounds once, to the Number a BigInt gives.
    const [low, high] = littleEndian ? [0, 4] : [4, 0];
    return signed
      ? (row) => view.getUint32(at(row) + low, littleEndian) + view.getInt32(at(row) + high, littleEndian) * 0x1_0000_0000
      : (row) => view.getUint32(at(row) + low, littleEndian) + view.getUint32(at(row) + high, littleEndian) * 0x1_0000_0000;
  }
  if (member.type === H5T_INTEGER && size === 4) {
    return signed ? (row) => view.getInt32(at(row), littleEndian) : (row) => view.getUint32(at(row), littleEndian);
  }
  if (member.type === H5T_INTEGER && size === 2) {
    return signed ? (row) => view.getInt16(at(row), littleEndian) : (row) => view.getUint16(at(row), littleEndian);
  }
  throw new Error(`${where}: field "${member.name}" has an HDF5 type this reader does not know (class ${member.type}, ${size} bytes)`);
}

/**
 * Profile datasets are chunked and deflated: the fixed-width string fields are mostly
 * padding, so a 100,000-row profile shrinks from 44 MB to 3.7 MB, and level 1 saves as
 * fast as no compression (less to write and fsync; bench/store.bench.mjs). h5py and
 * h5dump read deflate without plugins.
 */
export const PROFILE_COMPRESSION = { chunkRows: 4096, level: 1 } as const;
