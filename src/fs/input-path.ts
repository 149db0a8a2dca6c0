import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { inputError } from '../errors.js';

/**
 * Why a path the user gave cannot be read, in words, with the code: "no such file" is wrong
 * for a symbolic-link loop or a file the user may not read, and sends them looking elsewhere.
 */
export function unreadableReason(error: unknown, missing = 'no such file or directory'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return missing;
    case 'ELOOP':
      return 'is a loop of symbolic links (ELOOP)';
    case 'EACCES':
    case 'EPERM':
      return `cannot be read: permission denied (${code})`;
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory (ENOTDIR)';
    case 'EISDIR':
      return 'is a directory, not a file (EISDIR)';
    case 'ENAMETOOLONG':
      return 'the path is too long (ENAMETOOLONG)';
    default:
      return `cannot be read: ${(error as Error | undefined)?.message ?? String(error)}`;
  }
}

/** `stat` of an input, or bad input naming the path and why it cannot be read. */
export async function statInput(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    throw inputError(path, unreadableReason(error), error);
  }
}
