import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractAll, extractProfile } from '../../src/extract/extract-all.js';
import { profileNameFor } from '../../src/extract/profile-name.js';
import { tracyFixtures } from '../support/fixtures.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/** A stand-in for tracy-csvexport: prints the CSV named in $FAKE_CSV and counts its calls. */
function fakeCsvexport(dir: string, csvToPrint: string): { path: string; calls: () => number } {
  const path = join(dir, 'tracy-csvexport');
  const counter = join(dir, 'calls');
  writeFileSync(counter, '');
  writeFileSync(
    path,
    `#!/bin/sh\necho "$1" >> '${counter}'\n[ -f "$1" ] || { echo "cannot open $1" >&2; exit 1; }\ncat '${csvToPrint}'\n`,
  );
  chmodSync(path, 0o755);
  return { path, calls: () => readFileSync(counter, 'utf8').split('\n').filter(Boolean).length };
}

describe('profile names', () => {
  it('drop the run version from the file stem so versions compare', () => {
    expect(profileNameFor('perf/app.1.2.0.csv', '1.2.0')).toBe('app');
    expect(profileNameFor('perf/app.1.2.0+build.5.csv', '1.2.0+build.5')).toBe('app');
    expect(profileNameFor('perf/app.1.2.0.csv', '1.3.0')).toBe('app.1.2.0');
    expect(profileNameFor('perf/1.2.0.csv', '1.2.0')).toBe('1.2.0');
    expect(profileNameFor('perf/app.csv', undefined)).toBe('app');
  });
});

describe('extractAll', () => {
  it('reads one file into one profile sorted by total time', async () => {
    const [profile] = await extractAll(join(tracyFixtures, 'app.1.0.0.csv'), { version: '1.0.0' });
    expect(profile?.name).toBe('app');
    expect(profile?.records).toHaveLength(40);
    const totals = profile!.records.map((z) => z.totalNs);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(profile?.totalCalls).toBe(profile!.records.reduce((s, z) => s + z.counts, 0));
  });

  it('reads every .csv in a directory in name order and ignores other files', async () => {
    const dir = tempDir();
    copyFileSync(join(tracyFixtures, 'app.1.0.0.csv'), join(dir, 'b.csv'));
    copyFileSync(join(tracyFixtures, 'app.1.1.0.csv'), join(dir, 'a.csv'));
    writeFileSync(join(dir, 'notes.txt'), 'not a profile');
    const profiles = await extractAll(dir);
    expect(profiles.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('rejects a directory with no profiles', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'readme.md'), '#');
    await expect(extractAll(dir)).rejects.toThrow(`${dir}: no .csv or .tracy profiles in this directory`);
  });

  it('rejects a missing path', async () => {
    await expect(extractAll('/no/such/dir')).rejects.toThrow('/no/such/dir: no such file or directory');
  });

  it('exports a .tracy capture with tracy-csvexport once, keeping the CSV beside it', async () => {
    const dir = tempDir();
    const capture = join(dir, 'app.1.0.0.tracy');
    copyFileSync(join(tracyFixtures, 'app.1.0.0.tracy'), capture);
    const tool = fakeCsvexport(tempDir(), join(tracyFixtures, 'app.1.0.0.csv'));
    const first = await extractAll(dir, { version: '1.0.0', csvexport: tool.path });
    expect(first.map((p) => p.name)).toEqual(['app']);
    expect(first[0]?.records).toHaveLength(40);
    expect(readFileSync(join(dir, 'app.1.0.0.csv'), 'utf8')).toBe(readFileSync(join(tracyFixtures, 'app.1.0.0.csv'), 'utf8'));
    // The directory now holds the capture and its CSV: still one profile, no second export.
    const again = await extractAll(dir, { version: '1.0.0', csvexport: tool.path });
    expect(again.map((p) => p.name)).toEqual(['app']);
    expect(tool.calls()).toBe(1);
  });

  it('says how to get tracy-csvexport when it is missing', async () => {
    const dir = tempDir();
    const capture = join(dir, 'run.tracy');
    copyFileSync(join(tracyFixtures, 'app.1.0.0.tracy'), capture);
    await expect(extractProfile(capture, { csvexport: join(dir, 'nowhere', 'tracy-csvexport') })).rejects.toThrow(
      /run\.tracy: tracy-csvexport was not found\. Install Tracy .*embedded collector/,
    );
  });

  it('reports a failing tracy-csvexport with its first stderr line', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bin'));
    const capture = join(dir, 'gone.tracy');
    writeFileSync(capture, 'not a capture');
    const tool = join(dir, 'bin', 'tracy-csvexport');
    writeFileSync(tool, '#!/bin/sh\necho "Could not load trace file" >&2\nexit 1\n');
    chmodSync(tool, 0o755);
    await expect(extractProfile(capture, { csvexport: tool })).rejects.toThrow(
      'gone.tracy: tracy-csvexport failed (exit 1): Could not load trace file',
    );
  });
});
