import fs, { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { PerfReportError } from '../../src/errors.js';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { readHistoryRuns } from '../../src/store/history-merge.js';
import { mergeHistories } from '../../src/pipeline/merge-histories.js';
import { cliPath } from '../support/fixtures.js';
import { meta, profile, zone, zoneRun } from '../support/runs.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** A history of two runs with enough rows that its datasets fill most of the file. */
async function history(dir: string): Promise<ProfileStorage> {
  const storage = new ProfileStorage(join(dir, 'profiles.h5'));
  const zones = Array.from({ length: 300 }, (_, i) => zone(`zone ${i}`, { counts: i + 1, srcLine: i }));
  await storage.save(zoneRun(meta('1.0.0'), [profile('app', zones)]));
  await storage.save(zoneRun(meta('1.1.0'), [profile('app', zones.slice(0, 200))]));
  return storage;
}

/**
 * A full disk, injected where h5wasm's writes reach the disk: its Node build writes through
 * `fs.writeSync`. After `budget` bytes every write to a file fails as a full disk does; what
 * reaches fd 2 is recorded (HDF5's diagnostics must not).
 */
function fillDiskAfter(budget: number): { printed: () => string } {
  const writeSync = fs.writeSync;
  let written = 0;
  let printed = '';
  fs.writeSync = ((fd: number, buffer: NodeJS.ArrayBufferView | string, ...rest: unknown[]): number => {
    if (fd === 2) {
      printed += String(buffer);
      return typeof buffer === 'string' ? buffer.length : buffer.byteLength;
    }
    if (fd > 2) {
      const length = typeof buffer === 'string' ? buffer.length : typeof rest[1] === 'number' ? rest[1] : buffer.byteLength;
      written += length;
      if (written > budget) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
    }
    return (writeSync as (...args: unknown[]) => number)(fd, buffer, ...rest);
  }) as typeof fs.writeSync;
  restore = () => {
    fs.writeSync = writeSync;
  };
  return { printed: () => printed };
}
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

function tempsIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

async function expectWorkError(promise: Promise<unknown>): Promise<PerfReportError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PerfReportError);
  return error as PerfReportError;
}

describe('a write that fails (full disk) never replaces the history', () => {
  for (const [what, version] of [
    ['appending a version', '2.0.0'],
    ['re-storing a version', '1.0.0'],
  ] as const) {
    for (const budget of [0, 500, 3_000]) {
      it(`${what}, the disk full after ${budget} bytes: one line, the old file byte-identical, no temp`, async () => {
        const dir = tempDir();
        const storage = await history(dir);
        const before = readFileSync(storage.h5Path);
        const disk = fillDiskAfter(budget);
        const zones = Array.from({ length: 500 }, (_, i) => zone(`new zone ${i}`, { srcLine: i }));
        const error = await expectWorkError(storage.save(zoneRun(meta(version), [profile('app', zones)])));
        restore?.();
        expect(error.kind).toBe('work');
        expect(error.message).toContain(storage.h5Path);
        expect(error.message.toLowerCase()).toContain('no space left on device');
        expect(error.message).not.toContain('\n');
        expect(disk.printed()).toBe('');
        expect(readFileSync(storage.h5Path).equals(before)).toBe(true);
        expect(tempsIn(dir)).toEqual([]);
        expect(await storage.listVersions()).toEqual(['1.0.0', '1.1.0']);
      });
    }
  }

  it('a merge whose write fails leaves its destination as it was', async () => {
    const shards = tempDir();
    const a = await history(join(shards, 'a'));
    const destinationDir = tempDir();
    const destination = new ProfileStorage(join(destinationDir, 'profiles.h5'));
    await destination.save(zoneRun(meta('0.9.0'), [profile('app', [zone('old')])]));
    const before = readFileSync(destination.h5Path);
    fillDiskAfter(4_000);
    const error = await expectWorkError(mergeHistories({ inputs: [a.h5Path], destination: destination.h5Path }));
    restore?.();
    expect(error.message.toLowerCase()).toContain('no space left on device');
    expect(readFileSync(destination.h5Path).equals(before)).toBe(true);
    expect(tempsIn(destinationDir)).toEqual([]);
  });
});

describe('a damaged history with a valid HDF5 signature is refused, never written over', () => {
  it('a value changed inside a stored dataset: refused in one line by its checksum', async () => {
    const dir = tempDir();
    const storage = await history(dir);
    // Changed as a bit flip would, through h5py: the file's structure stays valid.
    execFileSync('/usr/bin/python3', ['-c', `
import h5py, sys
with h5py.File(sys.argv[1], 'r+') as f:
    d = f['1.0.0/linux-x64-node20/profiles/app']
    row = d[7]
    row['counts'] = row['counts'] + 1
    d[7] = row
`, storage.h5Path]);
    const before = readFileSync(storage.h5Path);
    const error = await expectWorkError(storage.save(zoneRun(meta('2.0.0'), [profile('app', [zone('z')])])));
    expect(error.kind).toBe('input');
    expect(error.message).toContain(`${storage.h5Path}: is damaged`);
    expect(error.message).toContain('/1.0.0/linux-x64-node20 does not match its checksum');
    expect(error.message).not.toContain('\n');
    expect(readFileSync(storage.h5Path).equals(before)).toBe(true);
    await expect(readHistoryRuns(storage.h5Path)).rejects.toThrow(/is damaged/);
  });

  it('bytes flipped across the middle of the file: each either refused in one line or harmless', async () => {
    const dir = tempDir();
    const storage = await history(dir);
    const good = readFileSync(storage.h5Path);
    const goodRuns = (await readHistoryRuns(storage.h5Path)).map((run) => run.fingerprint);
    let refused = 0;
    for (let step = 1; step <= 12; step++) {
      const at = Math.floor((good.length * step) / 13);
      const bad = Buffer.from(good);
      for (let i = 0; i < 4; i++) bad[at + i] = (bad[at + i] as number) ^ 0x5a;
      writeFileSync(storage.h5Path, bad);
      const outcome = await storage.save(zoneRun(meta('3.0.0'), [profile('app', [zone('z')])])).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (outcome === undefined) {
        // Accepted: then the flip hit no stored content, and every old run is still as it was.
        const runs = await readHistoryRuns(storage.h5Path);
        expect(runs.filter((run) => run.versionKey !== '3.0.0').map((run) => run.fingerprint)).toEqual(goodRuns);
        continue;
      }
      refused++;
      expect(outcome).toBeInstanceOf(PerfReportError);
      expect((outcome as PerfReportError).kind).toBe('input');
      expect((outcome as Error).message).toMatch(/is damaged|is not an HDF5 file/);
      expect((outcome as Error).message).not.toContain('\n');
      expect(readFileSync(storage.h5Path).equals(bad)).toBe(true);
      expect(tempsIn(dir)).toEqual([]);
    }
    // Most of the file is datasets: most flips must be seen.
    expect(refused).toBeGreaterThan(6);
  });

  it('a file of the original tool (no checksums) is still accepted and appended to', async () => {
    const dir = tempDir();
    const h5 = join(dir, 'profiles.h5');
    fs.copyFileSync(join(import.meta.dirname, '../../fixtures/seed-h5/profiles.h5'), h5);
    const storage = new ProfileStorage(h5);
    await storage.save(zoneRun(meta('2.0.0'), [profile('app', [zone('z')])]));
    expect(await storage.listVersions()).toEqual(['1.0.0', '1.1.0', '2.0.0']);
  });

  it('a directory named profiles.h5: one line naming it and the cause', async () => {
    const dir = tempDir();
    const h5 = join(dir, 'profiles.h5');
    mkdirSync(h5);
    const storage = new ProfileStorage(h5);
    await expect(storage.save(zoneRun(meta('1.0.0'), [profile('app', [zone('z')])]))).rejects.toThrow(`${h5}: is a directory, not an HDF5 file`);
    await expect(storage.listRuns()).rejects.toThrow(`${h5}: is a directory`);
  });
});

describe('what the CLI prints for a broken history', () => {
  function perfReport(args: string[], cwd: string) {
    return execa(process.execPath, [cliPath, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });
  }

  it('truncated, damaged, or a directory: exit 2 and one line on stderr, no HDF5 diagnostics', async () => {
    const source = tempDir();
    const storage = await history(source);
    const good = readFileSync(storage.h5Path);
    const cases: Array<[string, (h5: string) => void]> = [
      ['truncated', (h5) => writeFileSync(h5, good.subarray(0, Math.floor(good.length / 2)))],
      ['damaged', (h5) => {
        const bad = Buffer.from(good);
        bad.fill(0x5a, Math.floor(bad.length / 2), Math.floor(bad.length / 2) + 64);
        writeFileSync(h5, bad);
      }],
      ['a directory', (h5) => mkdirSync(h5)],
    ];
    const csv = join(source, 'app.csv');
    writeFileSync(csv, 'name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns\nz,a.ts,1,100,1,1,100,100,100,0\n');
    for (const [what, damage] of cases) {
      const out = tempDir();
      const h5 = join(out, 'profiles.h5');
      damage(h5);
      const result = await perfReport(['generate', '-i', csv, '-o', out, '--version', '9.0.0', '--name', 'app', '--no-html', '--no-compare'], out);
      const lines = result.stderr.split('\n').filter(Boolean);
      expect({ what, exitCode: result.exitCode, lines: lines.length }).toEqual({ what, exitCode: 2, lines: 1 });
      expect(lines[0]).toContain(h5);
      expect(result.stderr).not.toMatch(/HDF5-DIAG|#\d+:|major:|minor:/);
      expect(existsSync(h5)).toBe(true);
    }
  });
});
