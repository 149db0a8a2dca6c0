import { link, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Stats } from 'node:fs';
import { hostname } from 'node:os';
import { workError, messageOf } from '../errors.js';
import { removeAbandonedTempFiles, tempPathFor } from './atomic-write.js';
import { isProcessAlive } from './process-alive.js';

/** A lock of another host (whose processes we cannot see) is taken over once this old. */
const STALE_AFTER_MS = 10 * 60 * 1000;
/** A takeover claim lives for microseconds; one this old belongs to a process killed while taking over. */
const CLAIM_ABANDONED_MS = 30 * 1000;

/**
 * Runs `work` while holding `<path>.lock`, a file naming its owner (pid, host, since).
 * Two runs storing into one profiles.h5 at once then take turns instead of one
 * rebuilding the file from a copy that misses the other's run.
 *
 * The lock is born complete: its content is written to a draft file first and hard-linked
 * to the lock's name, which fails if the name exists (as O_EXCL does, but without the
 * moment in which the lock exists empty). A full disk therefore fails on the draft, and
 * no empty lock is left behind to block later runs.
 *
 * A lock is stale, and taken over at once, when its owner cannot be read (empty, foreign,
 * half-written by an older perf-report), when its owner is a process of this host that is
 * gone, or when it is older than ten minutes (an owner of another host).
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, waitMs = 60_000): Promise<T> {
  const lockPath = `${path}.lock`;
  const held = await acquire(lockPath, waitMs);
  try {
    return await work();
  } finally {
    await release(lockPath, held);
  }
}

async function acquire(lockPath: string, waitMs: number): Promise<Stats> {
  await removeAbandonedTempFiles(lockPath);
  const draft = tempPathFor(lockPath);
  try {
    const handle = await open(draft, 'wx');
    try {
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(draft, { force: true });
    throw workError(lockPath, `cannot create the lock file: ${messageOf(error)}`, error);
  }
  try {
    const deadline = Date.now() + waitMs;
    for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
      try {
        await link(draft, lockPath);
        const held = await stat(lockPath);
        await removeOrphanedClaims(lockPath, held);
        return held;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw workError(lockPath, `cannot create the lock file: ${messageOf(error)}`, error);
        }
      }
      const judged = await staleLock(lockPath);
      if (judged) {
        await takeOver(lockPath, judged);
        continue;
      }
      if (Date.now() > deadline) {
        throw workError(lockPath, `another perf-report process has held this lock for over ${waitMs / 1000} s; remove it if no run is storing`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  } finally {
    await rm(draft, { force: true });
  }
}

/** The lock as judged: which file (inode, mtime, size) and what it said. */
interface JudgedLock {
  info: Stats;
  text: string;
}

/** The lock at `lockPath` when it is stale, else undefined (live, or gone meanwhile). */
async function staleLock(lockPath: string): Promise<JudgedLock | undefined> {
  let info: Stats;
  let text: string;
  try {
    info = await stat(lockPath);
    text = await readFile(lockPath, 'utf8');
  } catch {
    return undefined; // Released meanwhile: try again to take it.
  }
  if (Date.now() - info.mtimeMs > STALE_AFTER_MS) return { info, text };
  const owner = parseOwner(text);
  if (!owner) return { info, text };
  if (owner.host === hostname() && !isProcessAlive(owner.pid)) return { info, text };
  return undefined;
}

function parseOwner(text: string): { pid: number; host: string } | undefined {
  try {
    const owner = JSON.parse(text) as { pid?: unknown; host?: unknown };
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? { pid: owner.pid, host: owner.host } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the stale lock `judged` without ever removing a live one. Several waiting runs
 * may judge the same lock stale at once; removing it by name would let a slow one delete
 * the fresh lock a faster one has linked meanwhile, and both would believe they hold it.
 * So a remover first claims the judged file: it hard-links the lock to a name derived from
 * the file's inode, which only one process can create. The claimant then checks that the
 * claim is the file it judged (same inode, mtime, size and content: the name could have been
 * released and re-locked between judging and claiming, even onto a reused inode); if not,
 * it judges again. If so, the lock's name still holds that file when it is removed: only its
 * dead owner or a claimant could have removed it, and the claim is exclusive. A process that
 * loses the claim race just waits and judges again.
 */
async function takeOver(lockPath: string, judged: JudgedLock): Promise<void> {
  const claim = `${lockPath}.stale-${judged.info.ino}`;
  try {
    await link(lockPath, claim);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') await removeAbandonedClaim(claim);
    return;
  }
  try {
    const [info, text] = await Promise.all([stat(claim), readFile(claim, 'utf8')]);
    const same = info.ino === judged.info.ino && info.mtimeMs === judged.info.mtimeMs && info.size === judged.info.size && text === judged.text;
    if (same) await rm(lockPath, { force: true });
  } catch {
    // The claim was removed as orphaned (the lock was released meanwhile, see removeOrphanedClaims): judge again.
  } finally {
    await rm(claim, { force: true });
  }
}

/**
 * Removes the claims of lock files that no longer hold the lock's name, called by the lock's
 * new holder: a process killed between removing a stale lock and its claim leaves the claim,
 * and no later takeover would ever meet it. Such a claim serves nobody: a claimant still
 * working on it finds the lock gone either way, and judges again.
 */
async function removeOrphanedClaims(lockPath: string, held: Stats): Promise<void> {
  const prefix = `${basename(lockPath)}.stale-`;
  const ours = `${prefix}${held.ino}`;
  let names: string[];
  try {
    names = await readdir(dirname(lockPath));
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(prefix) && name !== ours) await rm(join(dirname(lockPath), name), { force: true });
}

/**
 * A claim left by a process killed between claiming and removing would keep the stale lock
 * forever. Its age is that of the lock's inode change (the link): far older than any live
 * takeover takes.
 */
async function removeAbandonedClaim(claim: string): Promise<void> {
  try {
    const info = await stat(claim);
    if (Date.now() - info.ctimeMs > CLAIM_ABANDONED_MS) await rm(claim, { force: true });
  } catch {
    // Released by its claimant meanwhile.
  }
}

/** Removes the lock if it is still ours: a lock taken over as stale (another host's ten minutes) is the new owner's. */
async function release(lockPath: string, held: Stats): Promise<void> {
  try {
    const info = await stat(lockPath);
    if (info.ino === held.ino && info.dev === held.dev) await rm(lockPath, { force: true });
  } catch {
    // Gone already.
  }
}
