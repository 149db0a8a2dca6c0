import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesOf, perfReport, projectWithHistory, snapshot } from '../support/refusals.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

/**
 * A command refused for bad input: exit 2, one line naming the option or file and the
 * cause, the history byte-identical and nothing new anywhere (inside or outside -o).
 */
async function expectRefused(args: string[], message: RegExp, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const dir = tempDir();
  const { project, h5Path } = await projectWithHistory(dir);
  const before = bytesOf(h5Path);
  const files = snapshot(dir);
  const result = await perfReport(args, project, env);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.exitCode).toBe(2);
  expect(bytesOf(h5Path).equals(before)).toBe(true);
  expect(snapshot(dir)).toEqual(files);
}

describe('every file a command writes stays inside the output directory', () => {
  it.each([
    [['--pdf-name', 'profiles.h5'], /--pdf-name "profiles\.h5" would overwrite the history profiles\.h5/],
    [['--pdf-name', 'profiles.h5.lock'], /--pdf-name "profiles\.h5\.lock" would overwrite the history/],
    [['--pdf-name', '../../escape.pdf'], /--pdf-name "\.\.\/\.\.\/escape\.pdf" must be a file name in the output directory, without \/ or \\/],
    [['--pdf-name', '/tmp/perf-report-abs.pdf'], /--pdf-name "\/tmp\/perf-report-abs\.pdf" must be a file name in the output directory/],
    [['--version', '1.0.0/../../../../escape'], /--version: version "1\.0\.0\/\.\.\/\.\.\/\.\.\/\.\.\/escape" holds a path separator/],
    [['--version', '1.0.0..x'], /--version: version "1\.0\.0\.\.x" holds "\.\."/],
    [['--version', '1.1.0\n'], /--version: version "1\.1\.0\\n" holds a control character/],
    [['--version', ' 1.1.0'], /--version: version " 1\.1\.0" starts or ends with white space/],
    [['--name', '..'], /--name: name "\.\." holds "\.\."/],
  ])('generate %j is refused', async (extra, message) => {
    await expectRefused(['generate', '-i', 'in.csv', '-o', 'perf', ...(extra[0] === '--version' ? [] : ['--version', '1.2.0']), ...extra], message);
  });

  it('a package.json version with a path in it is refused, naming package.json', async () => {
    const dir = tempDir();
    const { project, h5Path } = await projectWithHistory(dir);
    const before = bytesOf(h5Path);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0/../../../../escape' }));
    const result = await perfReport(['generate', '-i', 'in.csv', '-o', 'perf'], project);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/package\.json: version "1\.0\.0\/\.\.\/\.\.\/\.\.\/\.\.\/escape" holds a path separator/);
    expect(bytesOf(h5Path).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['project']);
  });

  it('--pdf-name without .pdf gets it', async () => {
    const dir = tempDir();
    const { project } = await projectWithHistory(dir);
    const result = await perfReport(['generate', '-i', 'in.csv', '-o', 'perf', '--version', '1.2.0', '--pdf-name', 'regen'], project);
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(project, 'perf', 'regen.pdf'))).toBe(true);
    expect(existsSync(join(project, 'perf', 'regen'))).toBe(false);
  });

  it('compare refuses a --pdf-name outside the directory or over the history', async () => {
    const dir = tempDir();
    const { project, h5Path } = await projectWithHistory(dir);
    const before = bytesOf(h5Path);
    for (const name of ['../x.pdf', 'profiles.h5']) {
      const result = await perfReport(['compare', '1.0.0', '-o', 'perf', '--pdf-name', name], project);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/--pdf-name/);
    }
    expect(bytesOf(h5Path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['project']);
  });
});

describe('every argument is checked before the run is stored', () => {
  it.each([
    [['--baseline', '9.9.9'], /profiles\.h5: no run of version 9\.9\.9 on platform \S+ \(stored: 1\.0\.0\)/],
    [['--alpha', '2'], /option '--alpha <p>' argument '2' is invalid\. "2" is not a number between 0 and 1/],
    [['--alpha', '0'], /"0" is not a number between 0 and 1/],
    [['--alpha', '1'], /"1" is not a number between 0 and 1/],
    [['--threshold', '-1'], /"-1" is not a non-negative number/],
    [['--shard', '3/2'], /--shard/],
  ])('generate %j exits 2 with the history untouched', async (extra, message) => {
    await expectRefused(['generate', '-i', 'in.csv', '-o', 'perf', '--version', '1.2.0', ...extra], message);
  });

  it('--baseline naming the version being stored still works (it is there once stored)', async () => {
    const dir = tempDir();
    const { project } = await projectWithHistory(dir);
    const result = await perfReport(['generate', '-i', 'in.csv', '-o', 'perf', '--version', '1.2.0', '--baseline', '1.2.0'], project);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('compare --alpha 2 is refused', async () => {
    const dir = tempDir();
    const { project } = await projectWithHistory(dir);
    const result = await perfReport(['compare', '1.0.0', '-o', 'perf', '--alpha', '2'], project);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--alpha/);
  });
});
