import { extractAll, type ExtractOptions } from '../extract/extract-all.js';
import type { RunMeta } from '../model/run.js';
import { ProfileStorage } from '../store/profile-storage.js';

/**
 * The original tool's `ProfileStorage.from_directory`: extracts every profile in
 * `profileDir` and stores them as one run of `meta`'s version and platform.
 */
export async function storeDirectory(options: {
  profileDir: string;
  h5Path: string;
  meta: RunMeta;
  extract?: ExtractOptions;
}): Promise<ProfileStorage> {
  const profiles = await extractAll(options.profileDir, { version: options.meta.version, ...options.extract });
  const storage = new ProfileStorage(options.h5Path);
  await storage.save({ kind: 'zones', version: options.meta.version, platformId: options.meta.platformId, meta: options.meta, profiles });
  return storage;
}
