import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildOnce } from '../support/build.js';
import { withFileLock } from '../../src/fs/file-lock.js';
import { removeAbandonedTempFiles } from '../../src/fs/atomic-write.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

// The racing processes load the built lock module.
beforeAll(() => buildOnce());

/** The pid of a process that has exited: a lock naming it is stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('withFileLock', () => {
  // waitMs 0: a lock that is not taken over at once fails the call, so no timing is assumed.
  for (const [what, content] of [
    ['an empty lock (a full disk when it was created)', () => ''],
    ['a lock of foreign content', () => 'not a perf-report lock\n'],
    ['half-written JSON', () => '{"pid": 12'],
    ['a lock of a dead process on this host', () => JSON.stringify({ pid: deadPid(), host: hostname(), since: new Date().toISOString() })],
  ] as const) {
    it(`takes over ${what} at once`, async () => {
      const path = join(tempDir(), 'profiles.h5');
      writeFileSync(`${path}.lock`, content());
      expect(await withFileLock(path, async () => readFileSync(`${path}.lock`, 'utf8'), 0)).toContain(`"pid":${process.pid}`);
      expect(existsSync(`${path}.lock`)).toBe(false);
    });
  }

  it('removes the claim of a takeover killed after it had removed the stale lock (no later takeover would meet it)', async () => {
    const dir = tempDir();
    const path = join(dir, 'profiles.h5');
    // What `kill -9` between the takeover's two removals leaves: the claim, a hard link named by the gone lock's inode.
    writeFileSync(`${path}.lock.stale-424242`, JSON.stringify({ pid: deadPid(), host: hostname(), since: new Date().toISOString() }));
    writeFileSync(join(dir, 'profiles.h5.lockfile-of-another-tool'), 'kept');
    await withFileLock(path, async () => undefined, 0);
    expect(readdirSync(dir).sort()).toEqual(['profiles.h5.lockfile-of-another-tool']);
  });

  it('waits for a live owner and fails naming the lock', async () => {
    const path = join(tempDir(), 'profiles.h5');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    await expect(withFileLock(path, async () => 'held', 0)).rejects.toThrow(`${path}.lock: another perf-report process has held this lock`);
    expect(existsSync(`${path}.lock`)).toBe(true);
  });

  it('many waiters taking over one stale lock: one holder at a time, every one gets its turn', async () => {
    const path = join(tempDir(), 'profiles.h5');
    writeFileSync(`${path}.lock`, '');
    let holders = 0;
    let most = 0;
    let turns = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withFileLock(path, async () => {
          holders++;
          most = Math.max(most, holders);
          await new Promise((resolve) => setImmediate(resolve));
          holders--;
          turns++;
        }),
      ),
    );
    expect({ most, turns }).toEqual({ most: 1, turns: 8 });
    expect(readdirSync(join(path, '..'))).toEqual([]);
  });

  it('processes racing for a dead owner\'s lock never hold it together', async () => {
    const dir = tempDir();
    const path = join(dir, 'profiles.h5');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), since: new Date().toISOString() }));
    const log = join(dir, 'log');
    writeFileSync(log, '');
    const lockModule = pathToFileURL(join(REPO, 'dist/src/fs/file-lock.js')).href;
    const script = `
      const { withFileLock } = await import(${JSON.stringify(lockModule)});
      const { appendFileSync } = await import('node:fs');
      for (let i = 0; i < 5; i++) {
        await withFileLock(${JSON.stringify(path)}, async () => {
          appendFileSync(${JSON.stringify(log)}, 'in\\n');
          await new Promise((resolve) => setTimeout(resolve, 2));
          appendFileSync(${JSON.stringify(log)}, 'out\\n');
        });
      }`;
    await Promise.all(
      Array.from({ length: 4 }, () => new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child failed (${code}): ${stderr}`))));
      })),
    );
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(40);
    for (let i = 0; i < lines.length; i += 2) expect([lines[i], lines[i + 1]]).toEqual(['in', 'out']);
  });
});

describe('removeAbandonedTempFiles', () => {
  it('removes the temps of dead processes, keeps those of live ones and foreign files', async () => {
    const dir = tempDir();
    const path = join(dir, 'profiles.h5');
    const dead = `.profiles.h5.${deadPid()}.0badf00d.tmp`;
    const mine = `.profiles.h5.${process.pid}.12345678.tmp`;
    const live = `.profiles.h5.1.abcdef01.tmp`; // pid 1 always runs
    const foreign = '.profiles.h5.notes.tmp';
    for (const name of [dead, mine, live, foreign]) writeFileSync(join(dir, name), 'x');
    expect(await removeAbandonedTempFiles(path)).toEqual([join(dir, dead)]);
    expect(readdirSync(dir).sort()).toEqual([foreign, live, mine].sort());
  });
});
