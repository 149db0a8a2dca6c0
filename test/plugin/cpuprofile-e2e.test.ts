import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCpuProfile, type CpuProfile } from '../../src/extract/cpuprofile/cpuprofile-format.js';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { JEST_FIXTURE, REPO, VITEST_BIN, VITEST_FIXTURE, buildOnce } from '../support/build.js';
import { runIn, tempDir, removeTempDirs } from '../support/fixture-run.js';

/**
 * The cpuprofile backend end to end: the real Vitest (each pool) and the real Jest, one V8
 * profile per test file written by the workers, then stored as function statistics.
 */

const VITEST_PROFILES = ['test__concurrent.test.ts.cpuprofile', 'test__math.test.ts.cpuprofile', 'test__strings.test.ts.cpuprofile'];

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

/**
 * Every `.cpuprofile` in the run's folder, checked against the Chrome DevTools / speedscope
 * structure (nodes with callFrame, hitCount, children; samples; timeDeltas; startTime/endTime
 * in µs) by the extractor's own validator.
 */
function readProfiles(out: string): Map<string, CpuProfile> {
  const dir = join(out, 'cpuprofile');
  const profiles = new Map<string, CpuProfile>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.cpuprofile')).sort()) {
    const json = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
    const profile = validateCpuProfile(json, name);
    expect(profile.samples.length, name).toBeGreaterThan(0);
    expect(profile.endTime, name).toBeGreaterThan(profile.startTime);
    // DevTools and speedscope also read hitCount and children on every node.
    for (const node of profile.nodes) {
      expect(node.hitCount === undefined || Number.isInteger(node.hitCount)).toBe(true);
      expect(node.children === undefined || Array.isArray(node.children)).toBe(true);
    }
    profiles.set(name, profile);
  }
  return profiles;
}

/**
 * Profiles hold code of their own test file: they were taken in the worker (thread) that ran
 * it, not in the main thread. Which file's code a sampler happens to hit is luck, so one of
 * them is enough.
 */
function expectOwnFiles(profiles: ReadonlyMap<string, CpuProfile>): void {
  const own = [...profiles].filter(([name, profile]) => {
    const testFile = name.replace(/\.cpuprofile$/, '').split('__').join('/');
    return profile.nodes.some((node) => node.callFrame.url.endsWith(testFile));
  });
  expect(own.length, 'profiles holding their own test file').toBeGreaterThan(0);
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

describe('cpuprofile backend with Vitest', () => {
  it('profiles each test file on the forks pool, replaces stale profiles and stores a cpuprofile run', async () => {
    const out = tempDir('cpuprofile-forks');
    // A profile of a test file deleted since the last run, which the original tool would have kept reporting.
    mkdirSync(join(out, 'cpuprofile'));
    writeFileSync(join(out, 'cpuprofile/test__deleted.test.ts.cpuprofile'), readFileSync(join(REPO, 'package.json')));
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', '--pool=forks', '--', '--perf', '--perf-output', out], { PERF_BACKEND: 'cpuprofile' });
    // The failing fixture test keeps failing the run.
    expect(run.status, run.output).toBe(1);
    expect(run.output).toMatch(/perf-report: 3 CPU profiles → .*cpuprofile \(3 profiles, \d+ functions, version 1\.2\.3/);
    // No zones in this mode: no collector, no CSV.
    expect(readdirSync(out).filter((name) => name.endsWith('.csv'))).toEqual([]);

    const profiles = readProfiles(out);
    expect([...profiles.keys()]).toEqual(VITEST_PROFILES);
    expectOwnFiles(profiles);

    const storage = new ProfileStorage(join(out, 'profiles.h5'));
    const platforms = await storage.listPlatforms('1.2.3');
    expect(platforms).toHaveLength(1);
    expect(platforms[0]).toMatch(/@cpuprofile$/);
    const functionProfiles = await storage.loadFunctionProfiles('1.2.3', (platforms[0] as string).replace(/@cpuprofile$/, ''));
    expect(functionProfiles.map((profile) => profile.name)).toEqual(VITEST_PROFILES.map((name) => name.replace(/\.cpuprofile$/, '')));
    for (const profile of functionProfiles) expect(profile.totalSamples, profile.name).toBeGreaterThan(0);
    // Shown paths are relative to the project, so they match between versions.
    const ownFile = (name: string) => name.split('__').join('/');
    expect(functionProfiles.some((profile) => profile.functions.some((fn) => fn.file === ownFile(profile.name)))).toBe(true);
  });

  it.each<[string, Record<string, string>]>([
    ['threads', {}],
    ['vmThreads', { PERF_SAMPLING_INTERVAL_US: '4000' }],
  ])('profiles each test file in its own worker thread on the %s pool', (pool, env) => {
    const out = tempDir(`cpuprofile-${pool}`);
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', `--pool=${pool}`, '--', '--perf', '--perf-output', out], { PERF_BACKEND: 'cpuprofile', ...env });
    expect(run.status, run.output).toBe(1);
    const profiles = readProfiles(out);
    expect([...profiles.keys()]).toEqual(VITEST_PROFILES);
    if (!env['PERF_SAMPLING_INTERVAL_US']) expectOwnFiles(profiles);
    else {
      // The interval reached the workers: V8 does not sample faster than asked (the default 100 µs gives ~0.1–1 ms gaps).
      const deltas = [...profiles.values()].flatMap((profile) => profile.timeDeltas.slice(1));
      expect(median(deltas)).toBeGreaterThan(3000);
    }
  });

  it('stops before any test with one line and exit 2 when the sampling interval is invalid', () => {
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', 'test/math.test.ts', '--', '--perf', '--perf-output', tempDir('cpuprofile-bad')], {
      PERF_BACKEND: 'cpuprofile',
      PERF_SAMPLING_INTERVAL_US: 'fast',
    });
    expect(run.status, run.output).toBe(2);
    const ours = run.output.split('\n').filter((line) => line.includes('perf-report:'));
    expect(ours).toEqual([expect.stringContaining('PERF_SAMPLING_INTERVAL_US is "fast"')]);
    expect(run.output).not.toMatch(/Tests\s+\d/);
  });
});

describe('cpuprofile backend with Jest', () => {
  it('profiles each test file across Jest workers, chosen with perf-report jest --perf-backend', () => {
    const out = tempDir('cpuprofile-jest');
    const script = `
      const { runJestInPerfMode } = await import(${JSON.stringify(join(REPO, 'dist/src/cli/launch-runner.js'))});
      const code = await runJestInPerfMode(process.argv.slice(1));
      console.log('exit ' + code);`;
    // runIn's default PERF_BACKEND=embedded is in the environment: the flag must win over it.
    const run = runIn(JEST_FIXTURE, ['--input-type=module', '-e', script, '--', '--maxWorkers=2', '--no-cache', '--perf-backend', 'cpuprofile', '--perf-output', out]);
    expect(run.output).toContain('exit 1');
    expect(run.output).toMatch(/perf-report: 3 CPU profiles → /);
    const profiles = readProfiles(out);
    expect([...profiles.keys()]).toEqual(['test__math.test.js.cpuprofile', 'test__other.test.js.cpuprofile', 'test__zones.test.js.cpuprofile']);
    expectOwnFiles(profiles);
  });
});
