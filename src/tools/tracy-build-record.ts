import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';

/**
 * What `perf-report tracy build` writes beside the `bin/` it installed into: the release it
 * built, read from the source. Tracy before 0.14 does not print its version, so without this
 * record a build of 0.13.1 could not say what it is.
 */
export interface TracyBuildRecord {
  version: string;
  protocol: number | undefined;
  /** The --source given, or the URL the source was downloaded from. */
  source: string;
  builtAt: string;
  /** Per installed tool its size: a record that does not match the file beside it is not believed. */
  tools: Record<string, { size: number }>;
}

const RECORD_NAME = 'tracy-build.json';

/** `<prefix>/tracy-build.json`. */
export function buildRecordPath(prefix: string): string {
  return join(prefix, RECORD_NAME);
}

export async function writeBuildRecord(prefix: string, record: TracyBuildRecord): Promise<void> {
  await writeFileAtomic(buildRecordPath(prefix), JSON.stringify(record, null, 2) + '\n');
}

/**
 * The record of the build that produced `toolPath` (`<prefix>/bin/<tool>`), when there is one
 * and it still describes that file: a tool copied over the build's own one is not the build.
 */
export function buildRecordFor(toolPath: string): TracyBuildRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(buildRecordPath(dirname(dirname(toolPath))), 'utf8')) as Partial<TracyBuildRecord>;
    const size = record.tools?.[basename(toolPath)]?.size;
    if (typeof record.version !== 'string' || size === undefined || statSync(toolPath).size !== size) return undefined;
    return record as TracyBuildRecord;
  } catch {
    return undefined;
  }
}
