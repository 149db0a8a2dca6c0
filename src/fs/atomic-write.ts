import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './process-alive.js';

/** A temp path beside `finalPath`, so the closing rename stays on one file system. */
export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Removes the temp files of `finalPath` (see `tempPathFor`) whose writer process is gone: a
 * run killed with SIGKILL (or by the OOM killer) never reaches its cleanup, and each left
 * temp is a whole copy of the history. The pid in the name is checked on this host, the
 * only one whose processes we can see: a temp of a live process is never touched.
 * Returns the paths removed.
 */
export async function removeAbandonedTempFiles(finalPath: string): Promise<string[]> {
  const dir = dirname(finalPath);
  const prefix = `.${basename(finalPath)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (pid === undefined || Number(pid) === process.pid || isProcessAlive(Number(pid))) continue;
    await rm(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
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
