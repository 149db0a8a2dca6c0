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

const FIXED_SIZE: Record<Exclude<FieldKind, 'string'>, number> = { int32: 4, int64: 8, float64: 8 };
const DTYPE: Record<Exclude<FieldKind, 'string'>, string> = { int32: '<i', int64: '<q', float64: '<d' };

export function packRows<Row>(rows: readonly Row[], fields: readonly FieldSpec<Row>[]): PackedRows {
  const sizes = fields.map((field) =>
    field.kind === 'string'
      ? Math.min(MAX_STRING_BYTES, rows.reduce((max, row) => Math.max(max, Buffer.byteLength(String(field.value(row)))), field.minBytes ?? 1))
      : FIXED_SIZE[field.kind],
  );
  const offsets = sizes.map((_, index) => sizes.slice(0, index).reduce((sum, size) => sum + size, 0));
  const rowSize = sizes.reduce((sum, size) => sum + size, 0);
  const bytes = Buffer.alloc(rowSize * rows.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  fields.forEach((field, index) => {
    const size = sizes[index] as number;
    const offset = offsets[index] as number;
    const { value } = field;
    for (let row = 0, at = offset; row < rows.length; row++, at += rowSize) {
      const cell = value(rows[row] as Row);
      switch (field.kind) {
        // Buffer.write stops before a character that does not fit, so a cut lands on a boundary.
        case 'string': bytes.write(String(cell), at, size, 'utf8'); break;
        case 'int32': view.setInt32(at, Number(cell), true); break;
        case 'int64': setInt64(view, at, Number(cell)); break;
        case 'float64': view.setFloat64(at, Number(cell), true); break;
      }
    }
  });
  const dtype = fields.map((field, index): [string, string] => [field.name, field.kind === 'string' ? `S${sizes[index]}` : DTYPE[field.kind]]);
  return { bytes, rows: rows.length, dtype };
}

/** Little-endian int64 of a safe integer, without a BigInt per value. */
function setInt64(view: DataView, at: number, value: number): void {
  const whole = Math.round(value);
  const low = whole % 0x1_0000_0000;
  view.setUint32(at, low < 0 ? low + 0x1_0000_0000 : low, true);
  view.setInt32(at + 4, Math.floor(whole / 0x1_0000_0000), true);
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

const utf8Decoder = new TextDecoder('utf-8');

function fieldReader(member: Member, bytes: Uint8Array, view: DataView, rowSize: number, where: string): FieldReader {
  const { offset, size, signed, littleEndian } = member;
  const at = (row: number): number => row * rowSize + offset;
  if (member.type === H5T_STRING) {
    return (row) => {
      const from = at(row);
      let end = from + size;
      // h5wasm pads with NULs even where the type says SPACEPAD; NULs are never part of a value.
      while (end > from && bytes[end - 1] === 0) end--;
      return utf8Decoder.decode(bytes.subarray(from, end));
    };
  }
  if (member.type === H5T_FLOAT && size === 8) return (row) => view.getFloat64(at(row), littleEndian);
  if (member.type === H5T_FLOAT && size === 4) return (row) => view.getFloat32(at(row), littleEndian);
  if (member.type === H5T_INTEGER && size === 8) {
    return signed ? (row) => Number(view.getBigInt64(at(row), littleEndian)) : (row) => Number(view.getBigUint64(at(row), littleEndian));
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
