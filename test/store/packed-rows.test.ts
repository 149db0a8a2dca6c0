import { join } from 'node:path';
import { dtype_to_metadata } from 'h5wasm/node';
import { describe, expect, it } from 'vitest';
import { compoundReader, packRows, type FieldSpec } from '../../src/store/compound-rows.js';
import { createNew, openExisting, type H5Group } from '../../src/store/hdf5-library.js';
import { writeRun } from '../../src/store/profile-storage.js';
import { confirmedChecksum, runChecksum } from '../../src/store/run-checksum.js';
import { meta, profile, zone, zoneRun } from '../support/runs.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

interface Row {
  label: string;
  wide: number;
  small: number;
  real: number;
}

const FIELDS: ReadonlyArray<FieldSpec<Row>> = [
  { name: 'label', kind: 'string', minBytes: 4, value: (row) => row.label },
  { name: 'wide', kind: 'int64', value: (row) => row.wide },
  { name: 'small', kind: 'int32', value: (row) => row.small },
  { name: 'real', kind: 'float64', value: (row) => row.real },
];

function readBack(rows: Row[]): Row[] {
  const packed = packRows(rows, FIELDS);
  const field = compoundReader(packed.bytes, dtype_to_metadata(packed.dtype), 'test');
  const [label, wide, small, real] = ['label', 'wide', 'small', 'real'].map(field);
  return rows.map((_, index) => ({
    label: label!(index) as string,
    wide: wide!(index) as number,
    small: small!(index) as number,
    real: real!(index) as number,
  }));
}

describe('packed compound rows', () => {
  it('read back as written: int64 across the safe range, ASCII and other text, a value filling its field', () => {
    const rows: Row[] = [
      { label: 'a', wide: 0, small: 0, real: 0 },
      { label: 'éß日本', wide: -1, small: -2_147_483_648, real: -0.5 },
      { label: 'fourteen bytes', wide: 2 ** 32, small: 2_147_483_647, real: 1e300 },
      // The widest value (19 bytes) sizes the field and fills it: no NUL ends it.
      { label: 'mixed ascii then 日', wide: -(2 ** 32) - 7, small: 7, real: Number.MIN_VALUE },
      { label: '', wide: Number.MAX_SAFE_INTEGER, small: 1, real: 57.7 },
      { label: 'x', wide: Number.MIN_SAFE_INTEGER, small: -1, real: 2 ** 53 + 2 },
    ];
    expect(readBack(rows)).toEqual(rows);
  });

  it('many rows (more than one packing block) keep their order and values', () => {
    const rows = Array.from({ length: 1000 }, (_, index): Row => ({
      label: index % 7 === 0 ? `zone ${index} – ünïcode` : `zone ${index}`,
      wide: index * 1_000_003_001,
      small: index - 500,
      real: index / 3,
    }));
    expect(readBack(rows)).toEqual(rows);
  });
});

describe('a run read back is confirmed against what it was sealed over', () => {
  async function writtenRun(): Promise<{ group: () => Promise<{ group: H5Group; close: () => void }>; sealed: ReturnType<typeof writeRun> }> {
    const path = join(tempDir(), 'profiles.h5');
    const file = await createNew(path);
    const sealed = writeRun(file, '1.0.0', 'linux-x64-node20', zoneRun(meta('1.0.0'), [profile('app', [zone('a'), zone('b', { meanNs: 2000 })])]));
    file.close();
    const group = async () => {
      const reopened = await openExisting(path, 'r');
      return { group: reopened.get('1.0.0/linux-x64-node20') as H5Group, close: () => reopened.close() };
    };
    return { group, sealed };
  }

  it('the same content: the sealed checksum, without hashing it again', async () => {
    const { group, sealed } = await writtenRun();
    const { group: run, close } = await group();
    try {
      expect(runChecksum(run)).toBe(sealed.checksum);
      // A checksum that no hash could give back shows the parts were compared, not hashed.
      expect(confirmedChecksum(run, sealed.content, 'compared')).toBe('compared');
    } finally {
      close();
    }
  });

  it('other content: the checksum of what is on disk', async () => {
    const { group, sealed } = await writtenRun();
    const { group: run, close } = await group();
    try {
      const flipped = sealed.content.map((part) => (typeof part === 'string' ? part : Uint8Array.from(part, (byte, index) => (index === 0 ? byte ^ 1 : byte))));
      expect(confirmedChecksum(run, flipped, 'compared')).toBe(sealed.checksum);
      expect(confirmedChecksum(run, sealed.content.slice(0, -1), 'compared')).toBe(sealed.checksum);
      expect(confirmedChecksum(run, [...sealed.content, 'one part more'], 'compared')).toBe(sealed.checksum);
    } finally {
      close();
    }
  });
});
