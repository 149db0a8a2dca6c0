import { createHash } from 'node:crypto';
import h5wasm from 'h5wasm/node';
import { withDatasetBytes, type H5Dataset, type H5Group } from './hdf5-library.js';

/**
 * The attribute of a run group (`/<version>/<platform>`) holding the SHA-256 of everything
 * stored under it: every dataset's type, shape and packed bytes and every attribute, in name
 * order. Written with the run, it lets a damaged file whose HDF5 structure still opens
 * (flipped bits in a dataset, an attribute) be refused instead of copied into the next
 * history; h5py readers of the original layout see one more attribute and nothing else.
 */
export const CONTENT_CHECKSUM = 'content_sha256';

/**
 * The packed bytes of datasets just written, by HDF5 path: the checksum takes them from
 * here instead of reading each dataset back (a second deflate round trip of every profile).
 * The history is re-read from disk and checked against the checksum before it is kept,
 * so bytes that did not reach the file as written still stop the store.
 */
export type WrittenBytes = ReadonlyMap<string, Uint8Array>;

/**
 * What a run's checksum was computed over, part by part, as it was sealed. Checking the
 * run read back from disk against these parts proves it has that checksum without hashing
 * it again (the hash of a large profile costs as much as reading it back).
 */
export type SealedContent = ReadonlyArray<string | Uint8Array>;

/** What the checksum walk feeds its content to: a hash, a recording or a comparison. */
interface ContentSink {
  text(text: string): void;
  bytes(bytes: Uint8Array): void;
}

/** The checksum of what `group` holds now, as HDF5 reads it back. */
export function runChecksum(group: H5Group): string {
  const hash = createHash('sha256');
  walkGroup({ text: (text) => hash.update(text), bytes: (bytes) => hash.update(bytes) }, group, '.', new Map());
  return hash.digest('hex');
}

/**
 * The checksum of `group` when it holds exactly `sealed` (the parts `sealRun` recorded) and
 * `checksum` is what was computed over them; otherwise its checksum as read.
 */
export function confirmedChecksum(group: H5Group, sealed: SealedContent, checksum: string): string {
  let next = 0;
  let same = true;
  const expect = (matches: (part: string | Uint8Array) => boolean): void => {
    const part = sealed[next++];
    same &&= part !== undefined && matches(part);
  };
  walkGroup(
    {
      text: (text) => expect((part) => part === text),
      bytes: (bytes) => expect((part) => typeof part !== 'string' && Buffer.from(part.buffer, part.byteOffset, part.byteLength).equals(bytes)),
    },
    group,
    '.',
    new Map(),
  );
  return same && next === sealed.length ? checksum : runChecksum(group);
}

/** The checksum a run group carries; undefined for runs the original tool (or an older perf-report) stored. */
export function storedChecksum(group: H5Group): string | undefined {
  const value = group.attrs[CONTENT_CHECKSUM]?.value;
  return typeof value === 'string' ? value : undefined;
}

/** A run as it was sealed: its checksum and the content it was computed over. */
export interface SealedRun {
  checksum: string;
  content: SealedContent;
}

/** Computes the checksum of what was just written under `group` and stores it there. */
export function sealRun(group: H5Group, written: WrittenBytes): SealedRun {
  const hash = createHash('sha256');
  const content: Array<string | Uint8Array> = [];
  // Bytes read from HDF5 are only lent (see walkDataset); the written ones stay as they are.
  const kept = new Set(written.values());
  const sink: ContentSink = {
    text: (text) => {
      hash.update(text);
      content.push(text);
    },
    bytes: (bytes) => {
      hash.update(bytes);
      content.push(kept.has(bytes) ? bytes : bytes.slice());
    },
  };
  walkGroup(sink, group, '.', written);
  const checksum = hash.digest('hex');
  group.create_attribute(CONTENT_CHECKSUM, checksum);
  return { checksum, content };
}

function walkGroup(sink: ContentSink, group: H5Group, where: string, written: WrittenBytes): void {
  walkAttributes(sink, group, where);
  for (const name of [...group.keys()].sort()) {
    const child = group.get(name);
    const path = `${where}/${name}`;
    if (child instanceof h5wasm.Group) {
      sink.text(`group ${path}\n`);
      walkGroup(sink, child, path, written);
    } else if (child instanceof h5wasm.Dataset) {
      walkDataset(sink, child, path, written.get(child.path));
    } else {
      // A link HDF5 cannot resolve is damage, not content.
      throw new Error(`${group.path === '/' ? '' : group.path}/${name} cannot be opened`);
    }
  }
}

function walkDataset(sink: ContentSink, dataset: H5Dataset, path: string, written: Uint8Array | undefined): void {
  const { type, size, shape, littleEndian, signed } = dataset.metadata;
  const header = (length: number): string => `dataset ${path} ${JSON.stringify({ type, size, shape, littleEndian, signed })} ${length}\n`;
  if (written) {
    sink.text(header(written.length));
    sink.bytes(written);
  } else {
    // The bytes live in HDF5's memory only while the callback runs: a sink must not keep them.
    withDatasetBytes(dataset, (bytes) => {
      sink.text(header(bytes.length));
      sink.bytes(bytes);
    });
  }
  walkAttributes(sink, dataset, path);
}

function walkAttributes(sink: ContentSink, object: H5Group | H5Dataset, where: string): void {
  for (const [name, attribute] of Object.entries(object.attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name === CONTENT_CHECKSUM) continue;
    sink.text(`attribute ${where}@${name} ${JSON.stringify(attribute.json_value)}\n`);
  }
}
