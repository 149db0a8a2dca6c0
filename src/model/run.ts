import type { FunctionProfile } from './function-stat.js';
import type { ProfileData } from './profile.js';

/** Which capture produced a run's profiles. */
export type Backend = 'tracy' | 'embedded' | 'cpuprofile';

/**
 * The facts about one stored run (`/<version>/<platform>/meta`). Attribute names in HDF5
 * are the seed's snake_case ones (see `store/meta-attributes.ts`).
 */
export interface RunMeta {
  /** Identifies the machine (host name unless given). */
  machineId: string;
  /** The raw platform id, e.g. `linux-x64-node20`; its sanitized form is the HDF5 key. */
  platformId: string;
  /** The measured package's version, raw (stored as the seed's `bundle_version`). */
  version: string;
  /** Seconds since the epoch, fractional. */
  timestamp: number;
  system: string;
  arch: string;
  /** Host name (the seed's `node`, from Python's platform.node()). */
  host: string;
  release: string;
  /** CPU model. */
  processor: string;
  nodeVersion: string;
  backend: Backend | string;
  packageName: string;
  gitCommit?: string;
  /** Any other attributes found in the file, kept as read (seed files have python_version etc.). */
  extra: Record<string, string | number>;
}

/**
 * A run as stored: its meta and its profiles. Zone backends (tracy, embedded) fill
 * `profiles`; the cpuprofile backend fills `functionProfiles` and leaves `profiles` empty.
 */
export interface StoredRun {
  version: string;
  platformId: string;
  meta: RunMeta;
  profiles: ProfileData[];
  functionProfiles?: FunctionProfile[];
}
