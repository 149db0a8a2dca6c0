import { existsSync } from 'node:fs';
import { selectBaseline } from '../compare/baseline.js';
import { inputError } from '../errors.js';
import type { RunMeta, StoredRun } from '../model/run.js';
import type { ProfileStorage } from '../store/profile-storage.js';
import { runKey } from '../store/profile-storage.js';

/**
 * The stored run to compare `meta`'s run with: `explicit` when given (it must exist),
 * else the previous version of the same platform and backend kind (selectBaseline).
 * Undefined when there is no history yet.
 */
export async function baselineRun(storage: ProfileStorage, meta: RunMeta, explicit?: string): Promise<StoredRun | undefined> {
  if (!existsSync(storage.h5Path)) {
    if (explicit) throw inputError(storage.h5Path, `no such file, so no baseline ${explicit}`);
    return undefined;
  }
  const key = runKey(meta.platformId, meta.backend);
  const sameKind = (await storage.listRuns()).filter((run) => run.platformKey === key);
  const version = explicit ?? selectBaseline(meta, sameKind.map((run) => run.meta));
  if (version === undefined) return undefined;
  if (!sameKind.some((run) => run.meta.version === version)) {
    const stored = [...new Set(sameKind.map((run) => run.meta.version))].join(', ') || 'none';
    throw inputError(storage.h5Path, `no run of version ${version} on platform ${meta.platformId} (stored: ${stored})`);
  }
  return storage.loadRun(version, meta.platformId, meta.backend);
}
