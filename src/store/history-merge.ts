import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { PerfReportError, inputError, messageOf } from '../errors.js';
import type { StoredRun } from '../model/run.js';
import { copyHdf5Group } from './copy-hdf5.js';
import { createNew, openExisting, type H5File } from './hdf5-library.js';
import { checkHistory, type RunChecksums } from './history-check.js';
import { writeHistorySafely } from './history-write.js';
import { withQuietHdf5 } from './hdf5-diagnostics.js';
import { readRun, writeRun } from './profile-storage.js';
import type { SealedRun } from './run-checksum.js';

/**
 * The store's side of `perf-report merge`: every run of a history file read whole (so a damaged
 * file is refused before anything is written), and a new history written from runs copied as
 * they are stored and runs built by the merge, in one temp file checked and renamed into place
 * under the destination's lock, as every save is (history-write.ts).
 */

/** One run as some file stores it. */
export interface HistoryRun {
  /** The file it is stored in. */
  file: string;
  versionKey: string;
  platformKey: string;
  run: StoredRun;
  /** Identifies its content (meta and every row): two files holding the same run give the same. */
  fingerprint: string;
}

/** Every run of the history at `file`; a file that is not HDF5, is damaged, or holds an unreadable run is bad input naming it. */
export async function readHistoryRuns(file: string): Promise<HistoryRun[]> {
  return withQuietHdf5(() => readCheckedRuns(file));
}

async function readCheckedRuns(file: string): Promise<HistoryRun[]> {
  const h5 = await openExisting(file, 'r');
  try {
    // Checksums and structure first: a damaged run is refused here, before anything is merged from it.
    checkHistory(h5, file);
    const runs: HistoryRun[] = [];
    for (const versionKey of h5.keys()) {
      const versionGroup = h5.get(versionKey);
      if (!(versionGroup instanceof h5wasm.Group)) continue;
      for (const platformKey of versionGroup.keys()) {
        if (!(h5.get(`${versionKey}/${platformKey}/meta`) instanceof h5wasm.Group)) continue;
        let run: StoredRun;
        try {
          run = readRun(h5, file, versionKey, platformKey);
        } catch (error) {
          if (error instanceof PerfReportError) throw error;
          throw inputError(file, `/${versionKey}/${platformKey} cannot be read: ${messageOf(error)}`, error);
        }
        runs.push({ file, versionKey, platformKey, run, fingerprint: runFingerprint(run) });
      }
    }
    return runs;
  } finally {
    h5.close();
  }
}

/** A content hash of a run as read from a file. */
export function runFingerprint(run: StoredRun): string {
  return createHash('sha256').update(JSON.stringify({ meta: run.meta, kind: run.kind, profiles: run.profiles })).digest('hex');
}

/**
 * `runs` (built in memory) as they read back once stored: integer columns truncated, strings
 * as stored. A run the merge builds can then be told identical to one a file already holds.
 */
export async function asStored(runs: ReadonlyArray<{ versionKey: string; platformKey: string; run: StoredRun }>): Promise<HistoryRun[]> {
  if (runs.length === 0) return [];
  const scratch = await mkdtemp(join(tmpdir(), 'perf-report-merge-'));
  const path = join(scratch, 'runs.h5');
  try {
    const file = await createNew(path);
    try {
      for (const { versionKey, platformKey, run } of runs) writeRun(file, versionKey, platformKey, run);
    } finally {
      file.close();
    }
    return (await readHistoryRuns(path)).map((stored) => ({ ...stored, file: '' }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** What goes into the merged history: a run copied from its file as stored, or one the merge built. */
export type MergedRun = { copy: HistoryRun } | { write: { versionKey: string; platformKey: string; run: StoredRun } };

/**
 * Rebuilds the history at `destination` under its lock: `build` receives the runs it holds now
 * (none when it does not exist yet) and returns every run the new history keeps. The new file
 * replaces the old one only once it is complete; nothing is changed when a step fails.
 */
export async function rebuildHistory(destination: string, build: (existing: HistoryRun[]) => Promise<readonly MergedRun[]>): Promise<void> {
  await writeHistorySafely(destination, async (tempPath) => {
    const entries = await build(existsSync(destination) ? await readHistoryRuns(destination) : []);
    const expected: RunChecksums = new Map();
    const sealed = new Map<string, SealedRun>();
    const target = await createNew(tempPath);
    const sources = new Map<string, { file: H5File; checksums: RunChecksums }>();
    try {
      for (const entry of entries) {
        if ('write' in entry) {
          const { versionKey, platformKey, run } = entry.write;
          const runPath = `/${versionKey}/${platformKey}`;
          const written = writeRun(target, versionKey, platformKey, run);
          expected.set(runPath, written.checksum);
          sealed.set(runPath, written);
          continue;
        }
        const { file, versionKey, platformKey } = entry.copy;
        let source = sources.get(file);
        if (!source) {
          // Checked again as it is opened now: the file read earlier may have changed since.
          const opened = await openExisting(file, 'r');
          try {
            source = { file: opened, checksums: checkHistory(opened, file) };
          } catch (error) {
            opened.close();
            throw error;
          }
          sources.set(file, source);
        }
        const runPath = `/${versionKey}/${platformKey}`;
        copyHdf5Group(source.file, target, runPath);
        const checksum = source.checksums.get(runPath);
        if (checksum === undefined) throw inputError(file, `${runPath} is no longer stored there`);
        expected.set(runPath, checksum);
      }
    } catch (error) {
      target.close();
      throw error;
    } finally {
      for (const source of sources.values()) source.file.close();
    }
    return { file: target, expected, sealed };
  });
}
