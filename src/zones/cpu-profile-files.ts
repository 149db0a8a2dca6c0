import { relative } from 'node:path';

/** What the main process and the workers of a cpuprofile run agree on: the file each test file's profile is written to. */

export const CPUPROFILE_EXTENSION = '.cpuprofile';

/**
 * `test/math.test.ts` → `test__math.test.ts`: the test file's path relative to the root, so
 * that two files with the same base name in different folders do not overwrite each other
 * (the original tool's `.prof` names did), and so that the stored profile name (the file stem) is the
 * same in every version and meets its baseline.
 */
export function cpuProfileStem(root: string, testFile: string): string {
  return relative(root, testFile).split(/[\\/]+/).join('__');
}

/** `<stem>.cpuprofile` for the first profile of a test file in a run, `<stem>.2.cpuprofile` for the second, … */
export function cpuProfileFileName(stem: string, occurrence: number): string {
  return `${stem}${occurrence > 1 ? `.${occurrence}` : ''}${CPUPROFILE_EXTENSION}`;
}
