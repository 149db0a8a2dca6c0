import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { PerfReportError, messageOf, workError } from '../errors.js';
import { commitTempFile, removeAbandonedTempFiles, tempPathFor } from '../fs/atomic-write.js';
import { ensureDirectory } from '../fs/ensure-directory.js';
import { withFileLock } from '../fs/file-lock.js';
import { causeIn, withQuietHdf5 } from './hdf5-diagnostics.js';
import { checkHistory, differences, type RunChecksums, type SealedRuns } from './history-check.js';
import { openExisting, type H5File } from './hdf5-library.js';

/**
 * What a writer made of the temp file: the open file (closed here, as the close is where
 * HDF5 flushes most of what it writes) and the checksum of every run it is meant to hold.
 */
export interface HistoryDraft {
  file: H5File;
  expected: RunChecksums;
  /** The runs the draft wrote itself, as sealed: read back, they are compared rather than hashed. */
  sealed?: SealedRuns;
}

/**
 * Replaces the history at `h5Path` with the one `draft` writes into a temp file beside it,
 * under the history's lock. h5wasm writes straight to that file on disk (its Node build maps
 * the C library's I/O onto the real file system) and does not throw when a write fails: HDF5
 * prints its error stack, the run goes on and the close may leave a file cut short. So the
 * temp must prove itself before it is renamed over the old file: no HDF5 error while it was
 * written or closed, and re-opened from disk it holds exactly the runs meant, each with the
 * content meant. Otherwise it is removed and the old file stays as it was, byte for byte
 * (it is only ever read).
 *
 * A failed write is the environment's fault (a full disk, a read-only directory), not the
 * input's: it is a work error (exit 1, as every failed write of the code base is), one line
 * naming the file and the cause.
 */
export async function writeHistorySafely(h5Path: string, draft: (tempPath: string) => Promise<HistoryDraft>): Promise<void> {
  try {
    await ensureDirectory(dirname(h5Path));
  } catch (error) {
    throw asWriteFailure(h5Path, error);
  }
  await withQuietHdf5((diagnostics) =>
    withFileLock(h5Path, async () => {
      // Temps of runs killed mid-store (their cleanup never ran) would pile up, a history each.
      await removeAbandonedTempFiles(h5Path);
      const tempPath = tempPathFor(h5Path);
      try {
        const { file, expected, sealed } = await draft(tempPath);
        const closed = file.close();
        const printed = causeIn(diagnostics());
        if (printed !== undefined || (typeof closed === 'number' && closed < 0)) {
          throw workError(h5Path, `cannot be stored: writing the new file failed: ${printed ?? 'HDF5 could not close it'}; ${basename(h5Path)} is unchanged`);
        }
        await verifyWritten(tempPath, expected, sealed, h5Path);
        await commitTempFile(tempPath, h5Path);
      } catch (error) {
        await rm(tempPath, { force: true });
        // An error about the temp is a failure to write the history: said of the file the user knows.
        if (error instanceof PerfReportError && error.file === tempPath) {
          throw workError(h5Path, `cannot be stored: the new file ${reasonOf(error, tempPath)}; ${basename(h5Path)} is unchanged`, error);
        }
        throw asWriteFailure(h5Path, error);
      }
    }),
  );
}

/** Re-opens the closed temp from disk and checks it holds `expected`, run for run. */
async function verifyWritten(tempPath: string, expected: RunChecksums, sealed: SealedRuns | undefined, h5Path: string): Promise<void> {
  let found: RunChecksums;
  try {
    const file = await openExisting(tempPath, 'r');
    try {
      found = checkHistory(file, tempPath, sealed);
    } finally {
      file.close();
    }
  } catch (error) {
    throw workError(h5Path, `cannot be stored: the new file does not read back: ${reasonOf(error, tempPath)}; ${basename(h5Path)} is unchanged`, error);
  }
  const problems = differences(expected, found);
  if (problems.length > 0) {
    throw workError(h5Path, `cannot be stored: the new file does not read back as written (${problems.join('; ')}); ${basename(h5Path)} is unchanged`);
  }
}

function reasonOf(error: unknown, tempPath: string): string {
  return messageOf(error).replace(`${tempPath}: `, '');
}

/** Our own errors as they are; a system error (ENOSPC, EACCES, EROFS, EIO, …) as one line naming the history. */
function asWriteFailure(h5Path: string, error: unknown): unknown {
  if (error instanceof PerfReportError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return error;
  // "ENOSPC: no space left on device, copyfile '…' -> '…'": the cause without the paths of temps.
  const cause = /^[A-Z]+: ([^,]+)/.exec(messageOf(error))?.[1] ?? messageOf(error);
  return workError(h5Path, `cannot be stored: ${cause} (${code}); ${basename(h5Path)} is unchanged`, error);
}
