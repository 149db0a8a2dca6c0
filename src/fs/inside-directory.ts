import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { inputError } from '../errors.js';

/** The history's file name in an output directory. */
export const HISTORY_FILE = 'profiles.h5';

/**
 * `name` resolved in `directory`: the one place a file name built from user or project data
 * (a version, a package or project name, --pdf-name) becomes a path. Refused when it would
 * land outside the directory (`..`, an absolute name) or be the directory itself; checking
 * the resolved path, not the spelling, also covers separators that slipped through.
 */
export function fileInside(directory: string, name: string, what: string): string {
  const root = resolve(directory);
  const file = resolve(root, name);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw inputError(undefined, `${what} ${JSON.stringify(name)} would be outside the output directory ${root}`);
  }
  return file;
}

/** Whether `name` is the history or one of its lock and temp files (`profiles.h5.lock`, `.profiles.h5.<pid>.<hex>.tmp`). */
export function isHistoryFile(name: string): boolean {
  return name === HISTORY_FILE || name.startsWith(`${HISTORY_FILE}.`) || name.startsWith(`.${HISTORY_FILE}.`);
}

/** A report's path in `directory`: inside it, and never the history nor its lock or temp files. */
export function reportFileInside(directory: string, name: string, what: string): string {
  const file = fileInside(directory, name, what);
  if (isHistoryFile(basename(file))) {
    throw inputError(undefined, `${what} ${JSON.stringify(name)} would overwrite the history ${HISTORY_FILE} or its lock or temp files`);
  }
  return file;
}
