import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temp path beside `finalPath`, so the closing rename stays on one file system. */
export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Moves a finished temp file over `finalPath`: flushed to disk first, so a crash leaves
 * either the old file or the new one, never a torn one.
 */
export async function commitTempFile(tempPath: string, finalPath: string): Promise<void> {
  const handle = await open(tempPath, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tempPath, finalPath);
}

/** Writes `bytes` to `finalPath` through a temp file and a rename. */
export async function writeFileAtomic(finalPath: string, bytes: Uint8Array | string): Promise<void> {
  const tempPath = tempPathFor(finalPath);
  try {
    const handle = await open(tempPath, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, finalPath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}
