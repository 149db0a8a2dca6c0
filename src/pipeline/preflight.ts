import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { inputError } from '../errors.js';
import { unreadableReason } from '../fs/input-path.js';

/**
 * Checks a command makes before it stores anything: a refused command must leave the
 * history as it was, so what can be known up front is known up front.
 */

/** `--threshold` is a percent ≥ 0; `--alpha` a probability strictly between 0 and 1 (0 confirms nothing, 1 everything). */
export function checkLimits(options: { threshold?: number; alpha?: number }, names = { threshold: '--threshold', alpha: '--alpha' }): void {
  const { threshold, alpha } = options;
  if (threshold !== undefined && !(Number.isFinite(threshold) && threshold >= 0)) {
    throw inputError(undefined, `${names.threshold} is ${threshold}; expected a percent ≥ 0`);
  }
  if (alpha !== undefined && !(Number.isFinite(alpha) && alpha > 0 && alpha < 1)) {
    throw inputError(undefined, `${names.alpha} is ${alpha}; expected a number between 0 and 1 (exclusive), e.g. 0.01`);
  }
}

/** The output directory takes new files (checked after it is created; root passes regardless). */
export async function checkWritable(dir: string): Promise<void> {
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw inputError(dir, `cannot write to the output directory: ${unreadableReason(error)}`, error);
  }
}

/** An existing history must be a file: a directory (or a socket, …) in its place is named here, not deep in the store. */
export async function checkHistoryFile(h5Path: string): Promise<void> {
  const info = await stat(h5Path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw inputError(h5Path, unreadableReason(error), error);
  });
  if (info && !info.isFile()) throw inputError(h5Path, `is ${info.isDirectory() ? 'a directory' : 'not a regular file'}, not an HDF5 history; move it away or choose another -o`);
}

/**
 * A file the user named for a summary (`--summary-json`, `--summary-md`) must be writable as
 * a file: a directory there would fail the command after the run was stored.
 */
export async function checkOutputFile(path: string, option: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw inputError(path, `${option}: ${unreadableReason(error)}`, error);
  });
  if (info && !info.isFile()) throw inputError(path, `${option}: is ${info.isDirectory() ? 'a directory' : 'not a regular file'}; name a file`);
}
