import { copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import h5wasm, { dtype_to_metadata } from 'h5wasm/node';
import { inputError } from '../errors.js';
import { storageKey, withoutVersionSuffix } from '../model/keys.js';
import { makeProfile, type ProfileData } from '../model/profile.js';
import { runKindOf, type RunMeta, type StoredRun } from '../model/run.js';
import { parseShard, shardKeySuffix } from '../model/shard.js';
import { byInclusiveTimeDescending, type FunctionProfile } from '../model/function-stat.js';
import { copyHdf5Tree } from './copy-hdf5.js';
import { createDatasetFromBytes, createNew, openExisting, withDatasetBytes, type H5Dataset, type H5File, type H5Group } from './hdf5-library.js';
import { withQuietHdf5 } from './hdf5-diagnostics.js';
import { checkHistory, type RunChecksums } from './history-check.js';
import { writeHistorySafely, type HistoryDraft } from './history-write.js';
import { readMetaAttributes, writeMetaAttributes } from './meta-attributes.js';
import { sealRun, type SealedRun } from './run-checksum.js';
import { PROFILE_COMPRESSION, type PackedRows } from './compound-rows.js';
import { decodeFunctionRows, packFunctions } from './function-table.js';
import { attachRoundRows, packRounds } from './round-table.js';
import { decodeZoneRows, packZones } from './zone-table.js';

/** What `list` shows of one stored run without reading its profiles. */
export interface StoredRunEntry {
  versionKey: string;
  platformKey: string;
  meta: RunMeta;
  profileNames: string[];
}

/**
 * The HDF5 history of runs, in the original tool's layout:
 * `/<version>/<platform>/meta` (attributes) and `/<version>/<platform>/profiles/<name>`
 * (one compound dataset per profile, attributes `csv_path` and `total_calls`).
 *
 * Every save builds the new file beside the old one, checks it read back from disk and renames
 * it into place, under a lock (history-write.ts), so a crash, a full disk or a second writer
 * never leaves a broken or half-merged history. Each run carries the checksum of its content
 * (run-checksum.ts), so a damaged file is refused rather than written over.
 */
export class ProfileStorage {
  constructor(readonly h5Path: string) {}

  /**
   * Stores a run, replacing the run of the same version, platform and backend kind.
   * A cpuprofile run lives beside the Tracy one (see `runKey`), so neither wipes the other.
   */
  async save(run: StoredRun): Promise<void> {
    const versionKey = storageKey(run.meta.version, 'version');
    const platformKey = runKey(run.meta.platformId, run.meta.backend, run.meta.shard);
    const runPath = `/${versionKey}/${platformKey}`;
    await writeHistorySafely(this.h5Path, async (tempPath) => {
      const { file, expected } = await this.openForRewrite(tempPath, runPath);
      let sealed: SealedRun;
      try {
        sealed = writeRun(file, versionKey, platformKey, run);
      } catch (error) {
        file.close();
        throw error;
      }
      expected.set(runPath, sealed.checksum);
      return { file, expected, sealed: new Map([[runPath, sealed]]) };
    });
  }

  /**
   * A writable temp copy of the history without `replacedPath`, and the checksums of the runs
   * it keeps. The old file is checked whole first (checkHistory): a damaged one is refused
   * rather than copied into the new history. When nothing is replaced a byte copy is enough;
   * otherwise the tree is copied without that group.
   */
  private async openForRewrite(tempPath: string, replacedPath: string): Promise<HistoryDraft> {
    if (!existsSync(this.h5Path)) return { file: await createNew(tempPath), expected: new Map() };
    const current = await this.open(
      'r',
      '; refusing to overwrite it: move it away to start a new history, or restore it from a backup',
    );
    let expected: RunChecksums;
    let replaces: boolean;
    try {
      expected = checkHistory(current, this.h5Path);
      replaces = hasPath(current, replacedPath);
      expected.delete(replacedPath);
      if (replaces) {
        const target = await createNew(tempPath);
        try {
          copyHdf5Tree(current, target, new Set([replacedPath]));
        } catch (error) {
          target.close();
          throw error;
        }
        return { file: target, expected };
      }
    } finally {
      current.close();
    }
    await copyFile(this.h5Path, tempPath);
    return { file: await openExisting(tempPath, 'a'), expected };
  }

  async listVersions(): Promise<string[]> {
    return this.read((file) => file.keys());
  }

  async listPlatforms(version: string): Promise<string[]> {
    return this.read((file) => {
      const group = file.get(storageKey(version, 'version'));
      return group instanceof h5wasm.Group ? group.keys() : [];
    });
  }

  /** `backend` picks the cpuprofile run of that version and platform instead of the zone run. */
  async loadMeta(version: string, platform: string, backend?: string): Promise<RunMeta> {
    return this.read((file) => readMeta(file, this.h5Path, storageKey(version, 'version'), runKey(platform, backend)));
  }

  async loadProfiles(version: string, platform: string): Promise<ProfileData[]> {
    const run = await this.loadRun(version, platform);
    return run.kind === 'zones' ? run.profiles : [];
  }

  async loadFunctionProfiles(version: string, platform: string): Promise<FunctionProfile[]> {
    const run = await this.loadRun(version, platform, 'cpuprofile');
    return run.kind === 'functions' ? run.profiles : [];
  }

  async loadRun(version: string, platform: string, backend?: string): Promise<StoredRun> {
    return this.read((file) => readRun(file, this.h5Path, storageKey(version, 'version'), runKey(platform, backend)));
  }

  /** Every stored run's meta, for baseline selection and `perf-report list`. */
  async listRuns(): Promise<StoredRunEntry[]> {
    if (!existsSync(this.h5Path)) return [];
    return this.read((file) => {
      const runs: StoredRunEntry[] = [];
      for (const versionKey of file.keys()) {
        const versionGroup = file.get(versionKey);
        if (!(versionGroup instanceof h5wasm.Group)) continue;
        for (const platformKey of versionGroup.keys()) {
          if (!(file.get(`${versionKey}/${platformKey}/meta`) instanceof h5wasm.Group)) continue;
          const meta = readMeta(file, this.h5Path, versionKey, platformKey);
          const profiles = file.get(`${versionKey}/${platformKey}/profiles`);
          const profileNames = profiles instanceof h5wasm.Group ? profiles.keys() : [];
          runs.push({ versionKey, platformKey, meta, profileNames });
        }
      }
      return runs;
    });
  }

  private async open(mode: 'r' | 'a', advice = ''): Promise<H5File> {
    try {
      return await openExisting(this.h5Path, mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw inputError(this.h5Path, 'no such file');
      if (advice && error instanceof Error) error.message += advice;
      throw error;
    }
  }

  private async read<T>(action: (file: H5File) => T): Promise<T> {
    return withQuietHdf5(async () => {
      const file = await this.open('r');
      try {
        return action(file);
      } finally {
        file.close();
      }
    });
  }
}

function hasPath(file: H5File, path: string): boolean {
  let group: H5Group = file;
  for (const part of path.split('/').filter(Boolean)) {
    if (!group.keys().includes(part)) return false;
    const next = group.get(part);
    if (!(next instanceof h5wasm.Group)) return true;
    group = next;
  }
  return true;
}

/**
 * The platform group of a run. Zone runs (tracy, embedded) use the platform key itself,
 * as the original tool did; cpuprofile runs use `<platform>@cpuprofile`, so re-storing one
 * backend never wipes the other (the original's re-save deleted the whole platform group,
 * whichever backend it held) and a zone reader never meets function records under a zone
 * run's key. A shard's partial run adds `#shard-<i>-of-<n>` (see `model/shard.ts`).
 */
export function runKey(platformId: string, backend?: string, shard?: string): string {
  const key = storageKey(platformId, 'platform');
  const kind = backend === 'cpuprofile' ? `${key}@cpuprofile` : key;
  return shard ? `${kind}${shardKeySuffix(parseShard(shard, 'the run\'s shard'))}` : kind;
}

/** Writes `run` under `/<versionKey>/<platformKey>` and seals it with its checksum (returned with what it covers). */
export function writeRun(file: H5File, versionKey: string, platformKey: string, run: StoredRun): SealedRun {
  const versionGroup = file.keys().includes(versionKey) ? (file.get(versionKey) as H5Group) : file.create_group(versionKey);
  const runGroup = versionGroup.create_group(platformKey);
  writeMetaAttributes(runGroup.create_group('meta'), run.meta);
  const profilesGroup = runGroup.create_group('profiles');
  const datasetNames = new Set<string>();
  const written = new Map<string, Uint8Array>();
  const writeDataset = (group: H5Group, name: string, packed: PackedRows): H5Dataset => {
    const dataset = writeProfileDataset(group, name, packed);
    written.set(dataset.path, packed.bytes);
    return dataset;
  };
  const datasetNameFor = (profile: { name: string; sourcePath: string }): string => {
    const name = storageKey(profile.name, 'profile name');
    if (datasetNames.has(name)) throw inputError(profile.sourcePath, `a second profile named "${name}" in one run`);
    datasetNames.add(name);
    return name;
  };
  if (run.kind === 'zones') {
    let roundsGroup: H5Group | undefined;
    for (const profile of run.profiles) {
      const name = datasetNameFor(profile);
      const dataset = writeDataset(profilesGroup, name, packZones(profile.records));
      dataset.create_attribute('csv_path', profile.sourcePath);
      // h5wasm writes a scalar int64 from a BigInt, though its types only name arrays.
      dataset.create_attribute('total_calls', BigInt(profile.totalCalls) as never, null, '<q');
      const rounds = packRounds(profile.records);
      if (rounds) {
        roundsGroup ??= runGroup.create_group('rounds');
        writeDataset(roundsGroup, name, rounds);
      }
    }
    return sealRun(runGroup, written);
  }
  for (const profile of run.profiles) {
    const dataset = writeDataset(profilesGroup, datasetNameFor(profile), packFunctions(profile.functions));
    // The original's cProfile datasets carry prof_path and total_calls; ours add what sample shares need.
    dataset.create_attribute('prof_path', profile.sourcePath);
    dataset.create_attribute('total_calls', BigInt(profile.functions.reduce((sum, f) => sum + f.samples, 0)) as never, null, '<q');
    dataset.create_attribute('total_samples', BigInt(profile.totalSamples) as never, null, '<q');
    dataset.create_attribute('duration_s', profile.durationSeconds, null, '<d');
  }
  return sealRun(runGroup, written);
}

function writeProfileDataset(group: H5Group, name: string, packed: PackedRows): H5Dataset {
  const metadata = dtype_to_metadata(packed.dtype);
  if (metadata.size * packed.rows !== packed.bytes.length) {
    throw new Error(`rows packed as ${packed.bytes.length / Math.max(packed.rows, 1)} bytes, HDF5 expects ${metadata.size}`);
  }
  createDatasetFromBytes(group, name, metadata, packed.bytes, [packed.rows], PROFILE_COMPRESSION);
  return group.get(name) as H5Dataset;
}

function readMeta(file: H5File, h5Path: string, versionKey: string, platformKey: string): RunMeta {
  const group = file.get(`${versionKey}/${platformKey}/meta`);
  if (!(group instanceof h5wasm.Group)) throw inputError(h5Path, `no run stored for version ${versionKey} on platform ${platformKey}`);
  return readMetaAttributes(group, { version: versionKey, platformId: platformKey });
}

export function readRun(file: H5File, h5Path: string, versionKey: string, platformKey: string): StoredRun {
  const meta = readMeta(file, h5Path, versionKey, platformKey);
  const profilesGroup = file.get(`${versionKey}/${platformKey}/profiles`);
  const datasets = profilesGroup instanceof h5wasm.Group
    ? profilesGroup.keys().flatMap((name) => {
        const dataset = profilesGroup.get(name);
        return dataset instanceof h5wasm.Dataset ? [{ name, dataset }] : [];
      })
    : [];
  const zoneProfiles: ProfileData[] = [];
  const functionProfiles: FunctionProfile[] = [];
  const kind = runKindOf(meta.backend);
  for (const { name, dataset } of datasets) {
    const where = `${h5Path}:${dataset.path}`;
    // Read before the bytes: a metadata look-up calls into HDF5, which may move the bytes.
    const metadata = dataset.metadata;
    // The original tool kept the version in profile names (`app.1.0.0`); dropping it lets
    // its history meet ours (`app`) in comparisons.
    const profileName = withoutVersionSuffix(name, meta.version);
    if (kind === 'functions') {
      const functions = withDatasetBytes(dataset, (bytes) => decodeFunctionRows(bytes, metadata, where)).sort(byInclusiveTimeDescending);
      functionProfiles.push({
        name: profileName,
        sourcePath: String(dataset.attrs.prof_path?.value ?? ''),
        functions,
        totalSamples: Number(dataset.attrs.total_samples?.value ?? functions.reduce((sum, f) => sum + f.samples, 0)),
        durationSeconds: Number(dataset.attrs.duration_s?.value ?? 0),
      });
    } else {
      let zones = withDatasetBytes(dataset, (bytes) => decodeZoneRows(bytes, metadata, where));
      const rounds = file.get(`${versionKey}/${platformKey}/rounds/${name}`);
      if (rounds instanceof h5wasm.Dataset) {
        const roundsMetadata = rounds.metadata;
        const roundsWhere = `${h5Path}:${rounds.path}`;
        const withRounds = zones;
        zones = withDatasetBytes(rounds, (bytes) => attachRoundRows(withRounds, bytes, roundsMetadata, roundsWhere));
      }
      zoneProfiles.push(makeProfile(profileName, String(dataset.attrs.csv_path?.value ?? ''), zones));
    }
  }
  const base = { version: meta.version, platformId: meta.platformId, meta };
  return kind === 'functions' ? { ...base, kind, profiles: functionProfiles } : { ...base, kind, profiles: zoneProfiles };
}
