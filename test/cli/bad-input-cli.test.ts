import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesOf, perfReport, projectWithHistory, snapshot } from '../support/refusals.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const HEADER = 'name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns';

/**
 * Bad input to generate: exit 2, one line naming the file and the cause, nothing stored
 * (the history byte-identical) and no file written anywhere.
 */
async function expectBadInput(prepare: (project: string) => string, message: RegExp, extra: string[] = []): Promise<void> {
  const dir = tempDir();
  const { project, h5Path } = await projectWithHistory(dir);
  const input = prepare(project);
  const before = bytesOf(h5Path);
  const files = snapshot(dir);
  const result = await perfReport(['generate', '-i', input, '-o', 'perf', '--version', '1.2.0', ...extra], project);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.exitCode).toBe(2);
  expect(bytesOf(h5Path).equals(before)).toBe(true);
  expect(snapshot(dir)).toEqual(files);
}

const write = (name: string, text: string) => (project: string): string => {
  writeFileSync(join(project, name), text);
  return name;
};

describe('bad input: one line naming the file and the cause, exit 2, nothing stored', () => {
  it('a header-only CSV', async () => {
    await expectBadInput(write('empty.csv', `${HEADER}\n`), /empty\.csv: holds a header but no zone rows: nothing to store/);
  });

  it('a .cpuprofile whose timeDeltas are not numbers', async () => {
    const profile = {
      nodes: [{ id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 } }],
      startTime: 0,
      endTime: 10,
      samples: [1, 1],
      timeDeltas: [-5, 'x'],
    };
    await expectBadInput(write('bad.cpuprofile', JSON.stringify(profile)), /bad\.cpuprofile: is not a V8 CPU profile: timeDeltas\[1\] is "x"/);
  });

  it('a symbolic-link loop says so (ELOOP), not "no such file"', async () => {
    await expectBadInput((project) => {
      symlinkSync('loop-b.csv', join(project, 'loop-a.csv'));
      symlinkSync('loop-a.csv', join(project, 'loop-b.csv'));
      return 'loop-a.csv';
    }, /loop-a\.csv: is a loop of symbolic links \(ELOOP\)/);
  });

  it('profiles.h5 that is a directory is named', async () => {
    const dir = tempDir();
    const project = join(dir, 'project');
    mkdirSync(join(project, 'perf', 'profiles.h5'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
    writeFileSync(join(project, 'in.csv'), `${HEADER}\nz,f.ts,1,10,1.0,1,10,10,10,0\n`);
    const result = await perfReport(['generate', '-i', 'in.csv', '-o', 'perf'], project);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/perf\/profiles\.h5: is a directory, not an HDF5 history/);
    expect(readdirSync(join(project, 'perf'))).toEqual(['profiles.h5']);
  });

  it('a --summary-json that is a directory is refused before the run is stored', async () => {
    await expectBadInput((project) => {
      mkdirSync(join(project, 'summary-dir'));
      return 'in.csv';
    }, /summary-dir: --summary-json: is a directory; name a file/, ['--summary-json', 'summary-dir']);
  });
});

describe('a Tracy zone name starting with a quote', () => {
  it('is data, as tracy-csvexport writes it: stored with the quote', async () => {
    const dir = tempDir();
    const { project } = await projectWithHistory(dir);
    writeFileSync(join(project, 'quoted.csv'), `${HEADER}\n"quoted zone,f.ts,1,10,1.0,1,10,10,10,0\nplain,f.ts,2,10,1.0,1,10,10,10,0\n`);
    const result = await perfReport(['generate', '-i', 'quoted.csv', '-o', 'perf', '--version', '1.2.0', '--no-html'], project);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('1 profile, 2 zones, version 1.2.0');
  });
});
