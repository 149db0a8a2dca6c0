import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateFunctions, displayPath } from '../../../src/extract/cpuprofile/aggregate-functions.js';
import type { CpuProfile } from '../../../src/extract/cpuprofile/cpuprofile-format.js';
import { extractAllCpuProfiles, extractCpuProfile } from '../../../src/extract/cpuprofile/extract-cpuprofile.js';
import { globToRegExp } from '../../../src/extract/cpuprofile/glob.js';
import { repoRoot } from '../../support/fixtures.js';
import { writeRecordedCpuProfile } from '../../support/recorded-cpuprofiles.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, scriptId: '1', url, lineNumber, columnNumber: 0 });

/**
 * root → main (a.js:1) → fib (a.js:10) → fib (a.js:10, recursion); main → (garbage collector)
 * Samples (µs after start): main@0 for 100, fib@100 for 200, fib-inner@300 for 300, gc@600 for 400 (to endTime 1000).
 */
const handMade: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '', -1), children: [2] },
    { id: 2, callFrame: frame('main', 'file:///proj/src/a.js', 0), children: [3, 5] },
    { id: 3, callFrame: frame('fib', 'file:///proj/src/a.js', 9), children: [4] },
    { id: 4, callFrame: frame('fib', 'file:///proj/src/a.js', 9) },
    { id: 5, callFrame: frame('(garbage collector)', '', -1) },
  ],
  startTime: 0,
  endTime: 1000,
  samples: [2, 3, 4, 5],
  timeDeltas: [0, 100, 200, 300],
};

describe('aggregateFunctions', () => {
  it('gives self and inclusive time per function, recursion counted once per sample', () => {
    const stats = aggregateFunctions(handMade, { projectRoot: '/proj' });
    const inMicros = stats.map((s) => ({ ...s, selfSeconds: Math.round(s.selfSeconds * 1e6), totalSeconds: Math.round(s.totalSeconds * 1e6) }));
    // main holds every sample (GC ran under it); fib's inner recursion counts once.
    expect(inMicros).toEqual([
      { functionName: 'main', file: 'src/a.js', line: 1, samples: 1, selfSeconds: 100, totalSeconds: 1000 },
      { functionName: 'fib', file: 'src/a.js', line: 10, samples: 2, selfSeconds: 500, totalSeconds: 500 },
      { functionName: '(garbage collector)', file: '', line: 0, samples: 1, selfSeconds: 400, totalSeconds: 400 },
    ]);
  });

  it('filters by file glob', () => {
    const stats = aggregateFunctions(handMade, { projectRoot: '/proj', keepFile: (file) => file.startsWith('src/') });
    expect(stats.map((s) => s.functionName)).toEqual(['main', 'fib']);
  });

  it('shows paths relative to the project, others as they are', () => {
    expect(displayPath('file:///proj/test/x.test.ts', '/proj')).toBe('test/x.test.ts');
    expect(displayPath('file:///elsewhere/y.js', '/proj')).toBe('/elsewhere/y.js');
    expect(displayPath('node:internal/timers', '/proj')).toBe('node:internal/timers');
  });

  it('globs match like a shell over paths', () => {
    expect(globToRegExp('**/node_modules/**').test('a/node_modules/b/c.js')).toBe(true);
    expect(globToRegExp('**/node_modules/**').test('node_modules/b/c.js')).toBe(true);
    expect(globToRegExp('node:*').test('node:internal/timers')).toBe(false);
    expect(globToRegExp('node:**').test('node:internal/timers')).toBe(true);
    expect(globToRegExp('src/*.ts').test('src/a/b.ts')).toBe(false);
  });
});

describe('extractCpuProfile', () => {
  it('reads a recorded node --cpu-prof profile and finds the hot function', async () => {
    // Recorded (fixtures/cpuprofile/MANIFEST.md): the shares follow the samples, not today's load.
    const dir = tempDir();
    writeRecordedCpuProfile('1.0.0', dir, join(dir, 'hot.1.0.0.cpuprofile'));
    const profile = await extractCpuProfile(join(dir, 'hot.1.0.0.cpuprofile'), { projectRoot: dir, version: '1.0.0' });
    expect(profile.name).toBe('hot');
    const bySelf = [...profile.functions].sort((a, b) => b.selfSeconds - a.selfSeconds);
    expect(bySelf[0]).toMatchObject({ functionName: 'hotLoop', file: 'src/work.mjs', line: 4 });
    const hot = bySelf[0]!;
    const main = profile.functions.find((f) => f.functionName === 'main')!;
    expect(main.totalSeconds).toBeGreaterThanOrEqual(hot.totalSeconds);
    expect(hot.totalSeconds / profile.durationSeconds).toBeGreaterThan(0.3);
    expect(profile.totalSamples).toBeGreaterThan(100);
  });

  it('excludes Node internals on request', async () => {
    const dir = tempDir();
    writeRecordedCpuProfile('1.0.0', dir, join(dir, 'hot.cpuprofile'));
    const [profile] = await extractAllCpuProfiles(dir, { projectRoot: dir, exclude: ['node:**', ''] });
    expect(profile!.functions.some((f) => f.file.startsWith('node:'))).toBe(false);
    expect(profile!.functions.some((f) => f.file === '')).toBe(false);
    expect(profile!.functions.map((f) => f.functionName)).toContain('hotLoop');
  });

  it('reads a profile node --cpu-prof writes now: it parses and names the profiled file', async () => {
    // Live: only what does not depend on the machine's speed (which functions were sampled does).
    const dir = tempDir();
    execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', 'hot.1.0.0.cpuprofile', join(repoRoot, 'fixtures/cpuprofile/hot-function.mjs')]);
    const profile = await extractCpuProfile(join(dir, 'hot.1.0.0.cpuprofile'), { projectRoot: repoRoot, version: '1.0.0' });
    expect(profile.name).toBe('hot');
    expect(profile.totalSamples).toBeGreaterThan(0);
    expect(profile.functions.map((f) => f.file)).toContain('fixtures/cpuprofile/hot-function.mjs');
  });

  it.each([
    ['not JSON', '{"nodes": [', /bad\.cpuprofile: is not JSON/],
    ['no nodes', '{"startTime":0,"endTime":1,"samples":[],"timeDeltas":[]}', /bad\.cpuprofile: is not a V8 CPU profile: no "nodes" array/],
    ['mismatched arrays', JSON.stringify({ ...handMade, timeDeltas: [0] }), /4 samples but 1 timeDeltas/],
    ['a dangling sample', JSON.stringify({ ...handMade, samples: [2, 3, 4, 99] }), /a sample names the missing node 99/],
    ['a text time delta', JSON.stringify({ ...handMade, samples: [2, 3], timeDeltas: [-5, 'x'] }), /timeDeltas\[1\] is "x", not a number of microseconds/],
    ['a null time delta', JSON.stringify({ ...handMade, samples: [2], timeDeltas: [null] }), /timeDeltas\[0\] is null/],
  ])('rejects %s naming the file', async (_what, text, message) => {
    const file = join(tempDir(), 'bad.cpuprofile');
    writeFileSync(file, text);
    await expect(extractCpuProfile(file)).rejects.toThrow(message);
  });

  it('rejects a directory without profiles', async () => {
    const dir = tempDir();
    await expect(extractAllCpuProfiles(dir)).rejects.toThrow('no .cpuprofile files in this directory');
    expect(readdirSync(dir)).toEqual([]);
  });
});
