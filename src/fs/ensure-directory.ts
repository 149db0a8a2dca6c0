import { mkdir } from 'node:fs/promises';
import { workError } from '../errors.js';

/** Creates an output directory (and its parents), with an error that says what is in the way. */
export async function ensureDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'EEXIST' || error.code === 'ENOTDIR' ? 'a file stands where a directory is needed' : error.message;
    throw workError(dir, `cannot create the output directory: ${reason}`, error);
  });
}
