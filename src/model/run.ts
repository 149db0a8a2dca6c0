import type { FunctionProfile } from './function-stat.js';
import type { ProfileData } from './profile.js';

/** Which capture produced a run's profiles. */
export type Backend = 'tracy' | 'embedded' | 'cpuprofile';

/**
 * The facts about one stored run (`/<version>/<platform>/meta`). Attribute names in HDF5
 * are the original tool's snake_case ones (see `store/meta-attributes.ts`).
 */
export interface RunMeta {
  /** Identifies the machine (host name unless given). */
  machineId: string;
  /** The raw platform id, e.g. `linux-x64-node20`; its sanitized form is the HDF5 key. */
  platformId: string;
  /** The measured package's version, raw (stored as the original tool's `bundle_version`). */
  version: string;
  /** Seconds since the epoch, fractional. */
  timestamp: number;
  system: string;
  arch: string;
  /** Host name (the original tool's `node`, from Python's platform.node()). */
  host: string;
  release: string;
  /** CPU model. */
  processor: string;
  nodeVersion: string;
  backend: Backend | string;
  packageName: string;
  gitCommit?: string;
  /** The branch the run was made on (in CI the job's branch: GITHUB_HEAD_REF, then GITHUB_REF_NAME); absent on a detached HEAD. */
  gitBranch?: string;
  /** The work tree had uncommitted changes to tracked files, so `gitCommit` is not all of what ran. */
  gitDirty?: boolean;
  /** Set on a partial run: the shard of the suite it ran, `<index>/<count>` (e.g. `2/4`); `perf-report merge` combines the shards. */
  shard?: string;
  /**
   * The runner's code coverage while the run was timed: its provider (`v8`, `istanbul`,
   * `babel`) or `off`; absent when not known (runs stored from CSVs, or before it was recorded).
   * Instrumented code runs slower, so times with and without it do not compare.
   */
  coverage?: string;
  /** Runs of the whole suite this run pooled (1 unless it was recorded in rounds). */
  rounds?: number;
  /** Any other attributes found in the file, kept as read (the original tool's files have python_version etc.). */
  extra: Record<string, string | number>;
}

/** What every stored run has, whatever it recorded. */
interface RunBase {
  version: string;
  platformId: string;
  meta: RunMeta;
}

/** A run of zone statistics (backends tracy and embedded). */
export interface ZoneRun extends RunBase {
  kind: 'zones';
  profiles: ProfileData[];
}

/** A run of V8 CPU-profile function statistics (backend cpuprofile). */
export interface FunctionRun extends RunBase {
  kind: 'functions';
  profiles: FunctionProfile[];
}

/** A run as stored: its meta and its profiles, zones or functions, told apart by `kind`. */
export type StoredRun = ZoneRun | FunctionRun;

/** What kind of profiles a run with this recorded backend holds. */
export function runKindOf(backend: string): StoredRun['kind'] {
  return backend === 'cpuprofile' ? 'functions' : 'zones';
}
