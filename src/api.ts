/**
 * The library API, `perf-report/api`: read zone statistics, keep their history in HDF5,
 * and run the offline pipeline from code.
 */
import { extname } from 'node:path';
import { inputError } from './errors.js';
import { extractAll, extractProfile, type ExtractOptions } from './extract/extract-all.js';
import { storeDirectory } from './pipeline/store-directory.js';
import { ProfileStorage as HistoryStore } from './store/profile-storage.js';

/** The original tool's ProfileExtractor, as plain functions. */
export const ProfileExtractor = {
  /** One `.csv` export or `.tracy` capture → one profile. */
  extract: (file: string, options?: ExtractOptions) => extractProfile(file, options),
  /** A `.tracy` capture, exported with tracy-csvexport. */
  extractFromTracy: async (capture: string, options?: ExtractOptions) => {
    if (extname(capture).toLowerCase() !== '.tracy') throw inputError(capture, 'is not a .tracy capture');
    return extractProfile(capture, options);
  },
  /** A file, or every `.csv`/`.tracy` in a directory. */
  extractAll: (path: string, options?: ExtractOptions) => extractAll(path, options),
};

export type { ExtractOptions } from './extract/extract-all.js';
export { parseTracyCsv } from './extract/tracy-csv.js';
/** The original tool's ProfileStorage: the HDF5 history, plus `fromDirectory` to extract and store in one call. */
export class ProfileStorage extends HistoryStore {
  /** Extracts every `.csv`/`.tracy` in `profileDir` and stores them as one run of `meta`. */
  static fromDirectory(options: Parameters<typeof storeDirectory>[0]): Promise<HistoryStore> {
    return storeDirectory(options);
  }
}

export type { StoredRunEntry } from './store/profile-storage.js';
export { storageKey } from './model/keys.js';
export { generate, type GenerateOptions, type GenerateResult } from './pipeline/generate.js';
export { describeRun, defaultPlatformId } from './pipeline/run-meta.js';
export { PerfReportError } from './errors.js';
export type { ZoneStat, ProfileRecord } from './model/zone-stat.js';
export type { ProfileData } from './model/profile.js';
export type { RunMeta, StoredRun, ZoneRun, FunctionRun, Backend } from './model/run.js';
