import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JEST_BIN, JEST_FIXTURE, buildOnce } from '../support/build.js';
import { readZoneCsv, removeTempDirs, row, runIn, tempDir } from '../support/fixture-run.js';

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

describe('the Jest reporter without perf-report\'s environment', () => {
  it('says in one line that testEnvironment must be ours, and how to set it, leaving the tests\' result alone', () => {
    const out = tempDir('jest-no-env');
    // The fixture's config names our reporter; the command line swaps its environment for Jest's own.
    const run = runIn(JEST_FIXTURE, [JEST_BIN, '--no-cache', '--testEnvironment', 'node', 'test/other.test.js'], { PERF_MODE: 'true', PERF_OUTPUT: out });
    expect(run.status, run.output).toBe(0);
    const ours = run.output.split('\n').filter((line) => line.includes('perf-report'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain('no zones were recorded');
    expect(ours[0]).toContain('testEnvironment: "perf-report/jest/environment"');
    expect(ours[0]).toContain('withPerfZones');
    expect(ours[0]).toContain('npx perf-report jest');
    // Not the Vitest runner's hint, and not a crashed worker.
    expect(run.output).not.toContain('perf-report runner');
    expect(run.output).not.toContain('worker crashed');
    expect(existsSync(out) && readdirSync(out).some((name) => name.endsWith('.csv'))).toBe(false);
  });

  it('names the files whose docblock chose another environment as run without zones, not as crashed workers', () => {
    const out = tempDir('jest-docblock');
    const run = runIn(JEST_FIXTURE, [JEST_BIN, '--no-cache', '--testMatch', '<rootDir>/docblock/*.test.js'], { PERF_MODE: 'true', PERF_OUTPUT: out });
    expect(run.status, run.output).toBe(0);
    // (The pragma's name is split here: Vitest reads that pragma from a test file's text, wherever it stands.)
    const pragma = ['@jest', 'environment'].join('-');
    expect(run.output).toContain(
      `perf-report: 1 test file(s) chose their environment in a ${pragma} docblock and ran without zones: docblock/own-environment.test.js (node); to time them, name a wrapper made with perf-report's withPerfZones in the docblock`,
    );
    expect(run.output).not.toContain('worker crashed');
    // A docblock naming a wrapper made with withPerfZones, as the line advises, keeps the file's zones.
    expect(row(readZoneCsv(out).rows, 'runs in the wrapper its docblock names')).toMatchObject({ src_file: 'docblock/wrapped.test.js', counts: '1' });
  });

  it('says, when the environment was there but no test file loaded, that the files failed to load, not how to set the environment', () => {
    const out = tempDir('jest-broken');
    const run = runIn(JEST_FIXTURE, [JEST_BIN, '--no-cache', '--testMatch', '**/broken/*.test.js'], { PERF_MODE: 'true', PERF_OUTPUT: out });
    expect(run.status, run.output).toBe(1);
    const ours = run.output.split('\n').filter((line) => line.includes('perf-report'));
    expect(ours).toEqual([
      "perf-report: no zones were recorded: 1 test file(s) ran in perf mode but none of their tests did (did they fail to load? the runner's errors say)",
    ]);
  });
});
