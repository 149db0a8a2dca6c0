import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { workError, messageOf } from '../errors.js';

const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Runs `work` while holding `<path>.lock`, an exclusively created file naming its owner.
 * Two runs storing into one profiles.h5 at once then take turns instead of one
 * rebuilding the file from a copy that misses the other's run. A lock whose owner on
 * this host is gone, or that is older than ten minutes, is stale and taken over.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, waitMs = 60_000): Promise<T> {
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + waitMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw workError(lockPath, `cannot create the lock file: ${messageOf(error)}`, error);
      }
      if (await isStale(lockPath)) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw workError(lockPath, `another perf-report process has held this lock for over ${waitMs / 1000} s; remove it if no run is storing`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    if (Date.now() - info.mtimeMs > STALE_AFTER_MS) return true;
    const owner = JSON.parse(text) as { pid?: number; host?: string };
    if (owner.host !== hostname() || typeof owner.pid !== 'number') return false;
    try {
      process.kill(owner.pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    // Half-written by an owner that is still starting, or removed meanwhile: not stale.
    return false;
  }
}
