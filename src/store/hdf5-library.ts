import h5wasm, { Module, type Metadata } from 'h5wasm/node';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { inputError, workError } from '../errors.js';
import { causeIn, withDiagnosticsCaptured } from './hdf5-diagnostics.js';

export type H5File = InstanceType<typeof h5wasm.File>;
export type H5Group = InstanceType<typeof h5wasm.Group>;
export type H5Dataset = InstanceType<typeof h5wasm.Dataset>;

export async function hdf5(): Promise<typeof h5wasm> {
  await h5wasm.ready;
  return h5wasm;
}

/**
 * The packed bytes of a whole dataset, in its file layout. h5wasm's `Dataset.value`
 * decodes compound rows one value at a time (about 2 s for 50,000 rows, dependency
 * measured on h5wasm 0.10.3) and reads ASCII-tagged strings as latin1; decoding the packed bytes
 * ourselves is much faster and reads every string as UTF-8.
 */
export function readDatasetBytes(dataset: H5Dataset): Uint8Array {
  return withDatasetBytes(dataset, (bytes) => bytes.slice());
}

/**
 * Hands `use` the packed bytes of a whole dataset where HDF5 read them, in the library's
 * memory, and frees them after: decoding or hashing them there spares a copy of the whole
 * dataset (44 MB for 100,000 zone rows). `use` must neither keep the bytes nor call into
 * HDF5, which may move its memory.
 */
export function withDatasetBytes<T>(dataset: H5Dataset, use: (bytes: Uint8Array) => T): T {
  const metadata = dataset.metadata;
  const bytes = metadata.size * metadata.total_size;
  if (bytes === 0) return use(new Uint8Array(0));
  const pointer = Module._malloc(bytes);
  if (pointer === 0) throw new Error(`cannot allocate ${bytes} bytes to read ${dataset.path}`);
  try {
    Module.get_dataset_data(dataset.file_id, dataset.path, null, null, null, BigInt(pointer));
    return use(Module.HEAPU8.subarray(pointer, pointer + bytes));
  } finally {
    Module._free(pointer);
  }
}

/** The 8-byte signature HDF5 puts at the start of a file (or at 512, 1024, … with a user block). */
const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

function hasHdf5Signature(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    for (let offset = 0; offset <= 8192; offset = offset === 0 ? 512 : offset * 2) {
      if (readSync(fd, head, 0, 8, offset) < 8) return false;
      if (head.equals(HDF5_SIGNATURE)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens an existing HDF5 file, or explains why it cannot. h5wasm does not throw on a bad
 * file: it prints HDF5's diagnostic stack to stderr and returns a file id of -1. The
 * stack is kept out of the user's terminal (see hdf5-diagnostics.ts); its cause goes into the error.
 */
export async function openExisting(path: string, mode: 'r' | 'a'): Promise<H5File> {
  const library = await hdf5();
  // A directory (or a socket) where the history should be: bad input, not a crash in a read.
  const info = statSync(path);
  if (info.isDirectory()) throw inputError(path, 'is a directory, not an HDF5 file');
  if (!info.isFile()) throw inputError(path, 'is not a regular file, so not an HDF5 history');
  if (!hasHdf5Signature(path)) throw inputError(path, 'is not an HDF5 file (no HDF5 signature)');
  const { value: file, diagnostics } = withDiagnosticsCaptured(() => new library.File(path, mode));
  if (file.file_id < 0n) {
    // The innermost frame of HDF5's error stack names the cause ("truncated file: eof = …").
    const reason = causeIn(diagnostics) ?? 'HDF5 cannot open it';
    throw inputError(path, `is damaged or truncated: ${reason}`);
  }
  return file;
}

export async function createNew(path: string): Promise<H5File> {
  const library = await hdf5();
  const { value: file, diagnostics } = withDiagnosticsCaptured(() => new library.File(path, 'w'));
  // Creating a file fails for the place (full disk, no permission), never for the input.
  if (file.file_id < 0n) throw workError(path, `cannot be created: ${causeIn(diagnostics) ?? 'HDF5 error'}`);
  return file;
}

/**
 * Creates a dataset from bytes already packed in the layout `metadata` describes (a
 * compound's rows, a copy of another file's dataset). `chunkRows` turns on chunked
 * storage with deflate, which h5py reads with its built-in filter.
 */
export function createDatasetFromBytes(
  group: H5Group,
  name: string,
  metadata: Metadata,
  bytes: Uint8Array,
  shape: number[],
  compression?: { chunkRows: number; level: number },
): void {
  const pointer = Module._malloc(Math.max(bytes.length, 1));
  try {
    Module.HEAPU8.set(bytes, pointer);
    const chunked = compression && compression.level > 0 && shape.length === 1 && (shape[0] ?? 0) > 0;
    Module.create_dataset(group.file_id, `${group.path === '/' ? '' : group.path}/${name}`, BigInt(pointer), {
      ...metadata,
      shape: shape.map(BigInt),
      maxshape: shape.map(BigInt),
      chunks: chunked ? [BigInt(Math.min(compression.chunkRows, shape[0] ?? 1))] : null,
      compression: chunked ? 1 : 0,
      compression_opts: chunked ? [compression.level] : [],
      track_order: false,
    } as unknown as Parameters<typeof Module.create_dataset>[3]);
  } finally {
    Module._free(pointer);
  }
}
