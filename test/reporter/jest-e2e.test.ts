import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JEST_BIN, JEST_FIXTURE, buildOnce } from '../support/build.js';
import { existsSync, readZoneCsv, row, runIn, tempDir, removeTempDirs } from '../support/fixture-run.js';

function lineOf(file: string, text: string): string {
  const index = readFileSync(join(JEST_FIXTURE, file), 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index === -1) throw new Error(`"${text}" not in ${file}`);
  return String(index + 1);
}

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

describe('jest reporter and environment', () => {
  it('record tests and hooks across Jest workers, leaving out Jest\'s own root hooks', () => {
    const out = tempDir('jest');
    const run = runIn(JEST_FIXTURE, [JEST_BIN, '--maxWorkers=2', '--no-cache'], { PERF_MODE: 'true', PERF_OUTPUT: out });
    expect(run.status, run.output).toBe(1);
    expect(run.output).toMatch(/perf-report: \d+ zones → /);
    const csv = readZoneCsv(out);
    expect(csv.file).toBe('jest-fixture.2.0.0.csv');
    const at = (name: string) => {
      const r = row(csv.rows, name);
      return { file: r.src_file, line: r.src_line, counts: r.counts };
    };
    const math = 'test/math.test.js';
    expect(at('math > adds')).toEqual({ file: math, line: lineOf(math, "test('adds'"), counts: '1' });
    expect(at('math > nested > fails on purpose')).toEqual({ file: math, line: lineOf(math, "test('fails on purpose'"), counts: '1' });
    expect(at('top level')).toEqual({ file: 'test/other.test.js', line: '1', counts: '1' });
    // The user's root beforeEach runs before 3 tests; Jest's own root hooks are not zones.
    expect(at('beforeEach')).toEqual({ file: math, line: lineOf(math, 'beforeEach(() => {'), counts: '3' });
    expect(csv.rows.filter((r) => r.name === 'beforeEach')).toHaveLength(1);
    expect(at('math > beforeEach')).toEqual({ file: math, line: String(Number(lineOf(math, 'values.push(4)')) - 1), counts: '3' });
    expect(at('math > nested > afterAll')).toMatchObject({ file: math, counts: '1' });
    // Describe blocks: circus keeps no site for them; their titles are found in the file.
    expect(at('math')).toEqual({ file: math, line: lineOf(math, "describe('math'"), counts: '1' });
    expect(at('math > nested')).toEqual({ file: math, line: lineOf(math, "describe('nested'"), counts: '1' });
    expect(at('run test/other.test.js')).toMatchObject({ counts: '1' });
    // A property test's title carries a new random seed each run: its zone's name does not.
    expect(at('sums in any order')).toEqual({ file: 'test/other.test.js', line: lineOf('test/other.test.js', 'test(`sums in any order'), counts: '1' });
    expect(csv.rows.filter((r) => r.name.includes('with seed='))).toEqual([]);
    // User zones of a CommonJS test file (Jest's registry cannot load the ES module), at their calls.
    const zones = 'test/zones.test.js';
    expect(at('sum squares')).toEqual({ file: zones, line: lineOf(zones, "zone('sum squares'"), counts: '1' });
    expect(at('parse a number')).toEqual({ file: zones, line: lineOf(zones, "defineZone('parse a number')"), counts: '1' });
  });

  it('record the user zones of an ES module test file, which load in the file\'s own realm, through the environment\'s recorder', () => {
    const out = tempDir('jest-esm');
    const run = runIn(JEST_FIXTURE, ['--experimental-vm-modules', JEST_BIN, '--no-cache', '--config', 'jest.esm.config.cjs'], { PERF_MODE: 'true', PERF_OUTPUT: out });
    // Before, a recorder of the realm's own crashed the run once Jest had soft-deleted its fields.
    expect(run.status, run.output).toBe(0);
    expect(run.output).not.toContain('Maximum call stack');
    const rows = readZoneCsv(out).rows;
    const file = 'esm/user-zones.test.mjs';
    expect(row(rows, 'add in a module')).toMatchObject({ src_file: file, src_line: lineOf(file, "zone('add in a module'"), counts: '1' });
    expect(row(rows, 'square in a module')).toMatchObject({ src_file: file, src_line: lineOf(file, "defineZone('square in a module')"), counts: '1' });
  });

  it('give another environment the zones through withPerfZones', () => {
    const out = tempDir('jest-wrapped');
    const run = runIn(
      JEST_FIXTURE,
      [JEST_BIN, '--no-cache', '--testMatch', '**/wrapped/*.test.js', '--testEnvironment', '<rootDir>/wrapped/environment.mjs'],
      { PERF_MODE: 'true', PERF_OUTPUT: out },
    );
    // The test asserts it ran in the project's own environment; the zones show perf-report was there too.
    expect(run.status, run.output).toBe(0);
    const csv = readZoneCsv(out);
    expect(row(csv.rows, 'wrapped > runs in the project environment')).toMatchObject({ src_file: 'wrapped/marked.test.js', counts: '1' });
    expect(row(csv.rows, 'wrapped')).toMatchObject({ src_line: lineOf('wrapped/marked.test.js', "describe('wrapped'") });
  });

  it('run every test `repeat` times: each run is a zone with its own hooks', () => {
    const out = tempDir('jest-repeat');
    const run = runIn(JEST_FIXTURE, [JEST_BIN, '--no-cache', '--config', 'jest.repeat.config.cjs', 'test/math.test.js'], { PERF_MODE: 'true', PERF_OUTPUT: out });
    expect(run.status, run.output).toBe(1);
    const rows = readZoneCsv(out).rows;
    expect(row(rows, 'math > adds').counts).toBe('3');
    expect(row(rows, 'math > nested > fails on purpose').counts).toBe('3');
    expect(row(rows, 'math > beforeEach').counts).toBe('9');
    // Suites and the file run once; only tests are repeated.
    expect(row(rows, 'math').counts).toBe('1');
  });

  it('apply the regression gate: a gate that checked nothing fails with --require-baseline, unless the tests failed first', () => {
    const out = tempDir('jest-gate');
    const wrapped = [JEST_BIN, '--no-cache', '--testMatch', '**/wrapped/*.test.js', '--testEnvironment', '<rootDir>/wrapped/environment.mjs'];
    const gate = { PERF_MODE: 'true', PERF_OUTPUT: out, PERF_FAIL_ON_REGRESSION: 'true', PERF_REQUIRE_BASELINE: 'true' };
    const passing = runIn(JEST_FIXTURE, wrapped, gate);
    expect(passing.output).toContain('gate: no baseline to compare with; nothing was checked (--require-baseline: exit 2)');
    expect(passing.status, passing.output).toBe(2);
    // math.test.js fails on purpose: Jest's exit code 1 stands.
    const failing = runIn(JEST_FIXTURE, [JEST_BIN, '--no-cache', 'test/math.test.js'], { ...gate, PERF_OUTPUT: tempDir('jest-gate-failing') });
    expect(failing.output).toContain("perf-report: the tests failed, so the run keeps their exit code rather than the gate's 2");
    expect(failing.status, failing.output).toBe(1);
  });

  it("store a run of Jest's --shard as that shard", async () => {
    const out = tempDir('jest-shard');
    const run = runIn(JEST_FIXTURE, [JEST_BIN, '--no-cache', '--shard=2/2'], { PERF_MODE: 'true', PERF_OUTPUT: out });
    expect(run.output).toContain('(shard 2/2)');
    const { ProfileStorage } = await import('../../src/store/profile-storage.js');
    const runs = await new ProfileStorage(join(out, 'profiles.h5')).listRuns();
    expect(runs.map((entry) => [entry.meta.shard, entry.platformKey.endsWith('#shard-2-of-2')])).toEqual([['2/2', true]]);
  });

  it('write nothing outside perf mode', () => {
    const run = runIn(JEST_FIXTURE, [JEST_BIN]);
    expect(run.status, run.output).toBe(1);
    expect(run.output).not.toContain('perf-report');
    expect(existsSync(join(JEST_FIXTURE, 'perf'))).toBe(false);
  });
});
