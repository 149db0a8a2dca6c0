import { createHash, type Hash } from 'node:crypto';
import h5wasm from 'h5wasm/node';
import { readDatasetBytes, type H5Dataset, type H5Group } from './hdf5-library.js';

/**
 * The attribute of a run group (`/<version>/<platform>`) holding the SHA-256 of everything
 * stored under it: every dataset's type, shape and packed bytes and every attribute, in name
 * order. Written with the run, it lets a damaged file whose HDF5 structure still opens
 * (flipped bits in a dataset, an attribute) be refused instead of copied into the next
 * history; h5py readers of the original layout see one more attribute and nothing else.
 */
export const CONTENT_CHECKSUM = 'content_sha256';

/** The checksum of what `group` holds now, as HDF5 reads it back. */
export function runChecksum(group: H5Group): string {
  const hash = createHash('sha256');
  hashGroup(hash, group, '.');
  return hash.digest('hex');
}

/** The checksum a run group carries; undefined for runs the original tool (or an older perf-report) stored. */
export function storedChecksum(group: H5Group): string | undefined {
  const value = group.attrs[CONTENT_CHECKSUM]?.value;
  return typeof value === 'string' ? value : undefined;
}

/** Computes the checksum of what was just written under `group` and stores it there. */
export function sealRun(group: H5Group): string {
  const checksum = runChecksum(group);
  group.create_attribute(CONTENT_CHECKSUM, checksum);
  return checksum;
}

function hashGroup(hash: Hash, group: H5Group, where: string): void {
  hashAttributes(hash, group, where);
  for (const name of [...group.keys()].sort()) {
    const child = group.get(name);
    const path = `${where}/${name}`;
    if (child instanceof h5wasm.Group) {
      hash.update(`group ${path}\n`);
      hashGroup(hash, child, path);
    } else if (child instanceof h5wasm.Dataset) {
      hashDataset(hash, child, path);
    } else {
      // A link HDF5 cannot resolve is damage, not content.
      throw new Error(`${group.path === '/' ? '' : group.path}/${name} cannot be opened`);
    }
  }
}

function hashDataset(hash: Hash, dataset: H5Dataset, path: string): void {
  const { type, size, shape, littleEndian, signed } = dataset.metadata;
  const bytes = readDatasetBytes(dataset);
  hash.update(`dataset ${path} ${JSON.stringify({ type, size, shape, littleEndian, signed })} ${bytes.length}\n`);
  hash.update(bytes);
  hashAttributes(hash, dataset, path);
}

function hashAttributes(hash: Hash, object: H5Group | H5Dataset, where: string): void {
  for (const [name, attribute] of Object.entries(object.attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name === CONTENT_CHECKSUM) continue;
    hash.update(`attribute ${where}@${name} ${JSON.stringify(attribute.json_value)}\n`);
  }
}
