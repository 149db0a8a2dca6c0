import { relative } from 'node:path';

/**
 * What the main process and the workers of a cpuprofile run agree on: the environment that
 * turns the worker's profiler on, and the file each test file's profile is written to.
 */

/** Absolute directory the workers write `.cpuprofile` files into; its presence turns profiling on. */
export const CPUPROFILE_DIR_ENV = 'PERF_REPORT_CPUPROFILE_DIR';
/** The run's root: profile names are test-file paths relative to it, the same in every worker. */
export const CPUPROFILE_ROOT_ENV = 'PERF_REPORT_CPUPROFILE_ROOT';
/** V8's sampling interval in microseconds. */
export const SAMPLING_INTERVAL_ENV = 'PERF_SAMPLING_INTERVAL_US';
/** 10 kHz: V8's own default (1 ms) gives too few samples for a test file that runs in tens of ms. */
export const DEFAULT_SAMPLING_INTERVAL_US = 100;

export const CPUPROFILE_EXTENSION = '.cpuprofile';

/**
 * `test/math.test.ts` → `test__math.test.ts`: the test file's path relative to the root, so
 * that two files with the same base name in different folders do not overwrite each other
 * (the seed's `.prof` names did), and so that the stored profile name (the file stem) is the
 * same in every version and meets its baseline.
 */
export function cpuProfileStem(root: string, testFile: string): string {
  return relative(root, testFile).split(/[\\/]+/).join('__');
}

/** `<stem>.cpuprofile` for the first profile of a test file in a run, `<stem>.2.cpuprofile` for the second, … */
export function cpuProfileFileName(stem: string, occurrence: number): string {
  return `${stem}${occurrence > 1 ? `.${occurrence}` : ''}${CPUPROFILE_EXTENSION}`;
}
