import h5wasm from 'h5wasm/node';
import { inputError, messageOf, PerfReportError } from '../errors.js';
import { withDiagnosticsCaptured, causeIn } from './hdf5-diagnostics.js';
import type { H5File, H5Group } from './hdf5-library.js';
import { confirmedChecksum, runChecksum, storedChecksum, type SealedRun } from './run-checksum.js';

/** Every run of a history (`/<version>/<platform>`) with the checksum of its content as read. */
export type RunChecksums = Map<string, string>;

/** Runs just written, by path, as they were sealed: checked part by part instead of hashed again. */
export type SealedRuns = ReadonlyMap<string, SealedRun>;

/**
 * Reads every run of `file` whole and checks it: its content must match the checksum stored
 * with it. A run without one (the original tool's, an older perf-report's) is checked for
 * structure only: every group and dataset opens and every byte reads without an HDF5 error.
 * Anything else is damage, reported as bad input naming `path`, so nothing is written from it.
 * A run in `sealed` is compared with the content it was sealed over rather than hashed.
 */
export function checkHistory(file: H5File, path: string, sealed: SealedRuns = new Map()): RunChecksums {
  const { value, diagnostics } = withDiagnosticsCaptured(() => {
    try {
      return { runs: checkRuns(file, sealed) };
    } catch (error) {
      return { error };
    }
  });
  if ('error' in value) {
    if (value.error instanceof PerfReportError) throw value.error;
    throw damaged(path, causeIn(diagnostics) ?? messageOf(value.error), value.error);
  }
  // HDF5 prints only when something failed, even where h5wasm returns a value anyway.
  const cause = causeIn(diagnostics);
  if (cause) throw damaged(path, cause);
  return value.runs;
}

function damaged(path: string, cause: string, error?: unknown): PerfReportError {
  return inputError(path, `is damaged: ${cause}; refusing to write over it: move it away to start a new history, or restore it from a backup`, error);
}

function checkRuns(file: H5File, sealed: SealedRuns): RunChecksums {
  const runs: RunChecksums = new Map();
  for (const versionKey of file.keys()) {
    const versionGroup = file.get(versionKey);
    if (!(versionGroup instanceof h5wasm.Group)) continue;
    for (const platformKey of versionGroup.keys()) {
      const runGroup = versionGroup.get(platformKey);
      if (!(runGroup instanceof h5wasm.Group)) throw new Error(`/${versionKey}/${platformKey} cannot be opened`);
      const runPath = `/${versionKey}/${platformKey}`;
      runs.set(runPath, checkRun(runGroup, sealed.get(runPath)));
    }
  }
  return runs;
}

function checkRun(group: H5Group, sealed: SealedRun | undefined): string {
  const computed = sealed ? confirmedChecksum(group, sealed.content, sealed.checksum) : runChecksum(group);
  const stored = storedChecksum(group);
  if (stored !== undefined && stored !== computed) throw new Error(`${group.path} does not match its checksum (its content changed after it was stored)`);
  return computed;
}

/** How the runs a file holds differ from those it was meant to hold; empty when they agree. */
export function differences(expected: RunChecksums, found: RunChecksums): string[] {
  const problems: string[] = [];
  for (const [run, checksum] of expected) {
    const actual = found.get(run);
    if (actual === undefined) problems.push(`${run} is missing`);
    else if (actual !== checksum) problems.push(`${run} differs from what was written`);
  }
  for (const run of found.keys()) if (!expected.has(run)) problems.push(`${run} was not meant to be there`);
  return problems;
}
