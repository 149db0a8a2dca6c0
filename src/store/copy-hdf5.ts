import h5wasm, { type Metadata } from 'h5wasm/node';
import type { H5Dataset, H5File, H5Group } from './hdf5-library.js';
import { createDatasetFromBytes, readDatasetBytes } from './hdf5-library.js';
import { PROFILE_COMPRESSION } from './compound-rows.js';

const H5T_STRING = 3;

/**
 * Copies every group, dataset and attribute of `source` into `target` except the
 * objects at `skipPaths`. h5wasm cannot delete a group (it has no H5Ldelete), so
 * replacing a run means writing a new file without it.
 * Datasets are copied as packed bytes with their own type, so nothing is re-encoded.
 */
export function copyHdf5Tree(source: H5File, target: H5File, skipPaths: ReadonlySet<string>): void {
  copyAttributes(source, target);
  copyChildren(source, target, skipPaths);
}

function copyChildren(from: H5Group, to: H5Group, skipPaths: ReadonlySet<string>): void {
  for (const name of from.keys()) {
    const path = from.path === '/' ? `/${name}` : `${from.path}/${name}`;
    if (skipPaths.has(path)) continue;
    const child = from.get(name);
    if (child instanceof h5wasm.Group) {
      const group = child;
      const copy = to.create_group(name);
      copyAttributes(group, copy);
      copyChildren(group, copy, skipPaths);
    } else if (child instanceof h5wasm.Dataset) {
      copyDataset(child, to, name);
    } else {
      throw new Error(`${path}: cannot copy a ${child?.constructor.name ?? 'missing'} object`);
    }
  }
}

function copyDataset(dataset: H5Dataset, to: H5Group, name: string): void {
  const metadata = dataset.metadata;
  if (metadata.vlen) throw new Error(`${dataset.path}: variable-length datasets are not copied`);
  createDatasetFromBytes(to, name, metadata, readDatasetBytes(dataset), metadata.shape ?? [], datasetCompression(metadata));
  copyAttributes(dataset, to.get(name) as H5Dataset);
}

function copyAttributes(from: H5Group | H5Dataset, to: H5Group | H5Dataset): void {
  for (const [name, attribute] of Object.entries(from.attrs)) {
    const { metadata } = attribute;
    const value = attribute.value;
    if (value === null) continue;
    if (metadata.type === H5T_STRING && metadata.vlen) {
      to.create_attribute(name, value as string | string[], attribute.shape);
    } else {
      to.create_attribute(name, value as never, attribute.shape, attribute.dtype as string);
    }
  }
}

/** Chunked datasets keep our compression when copied; contiguous ones (the original tool's) stay so. */
function datasetCompression(metadata: Metadata): { chunkRows: number; level: number } | undefined {
  return metadata.chunks ? { ...PROFILE_COMPRESSION, chunkRows: metadata.chunks[0] ?? PROFILE_COMPRESSION.chunkRows } : undefined;
}

/**
 * Copies the group at `path` of `source` (its attributes, groups and datasets) to the same
 * path in `target`, creating the groups above it that `target` lacks, with their attributes.
 * `perf-report merge` builds a history from runs of several files this way.
 */
export function copyHdf5Group(source: H5File, target: H5File, path: string): void {
  const parts = path.split('/').filter(Boolean);
  let from: H5Group = source;
  let to: H5Group = target;
  for (const [index, name] of parts.entries()) {
    const child = from.get(name);
    if (!(child instanceof h5wasm.Group)) throw new Error(`${from.path === '/' ? '' : from.path}/${name}: not a group`);
    const exists = to.keys().includes(name);
    const copy = exists ? (to.get(name) as H5Group) : to.create_group(name);
    if (!exists) copyAttributes(child, copy);
    if (index === parts.length - 1) copyChildren(child, copy, new Set());
    from = child;
    to = copy;
  }
}
