import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, VITEST_BIN, VITEST_FIXTURE, buildOnce } from '../support/build.js';
import { type FixtureRun, removeTempDirs, runIn, tempDir } from '../support/fixture-run.js';

const CLI = join(REPO, 'dist/src/cli/main.js');

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

/** Bad input stops the run before any test: exit 2 and one line of ours, never the runner's "Unhandled Error". */
function expectStoppedByOneLine(run: FixtureRun, out: string, line: string): void {
  expect(run.status, run.output).toBe(2);
  const ours = run.output.split('\n').filter((text) => text.includes('perf-report'));
  expect(ours).toEqual([expect.stringContaining(line)]);
  expect(run.output).not.toMatch(/Unhandled|Serialized Error|^\s+at /m);
  expect(run.output).not.toMatch(/Tests\s+\d/);
  expect(existsSync(out) && readdirSync(out).length > 0).toBe(false);
}

const EXPECTED = 'expected one of auto, tracy, embedded, cpuprofile';

describe('a backend that does not exist', () => {
  it('named after -- on the vitest command line, with the plugin', () => {
    const out = tempDir('bogus-argv');
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', 'test/math.test.ts', '--', '--perf', '--perf-backend', 'bogus', '--perf-output', out]);
    expectStoppedByOneLine(run, out, `--perf-backend is "bogus"; ${EXPECTED}`);
  });

  it('in PERF_BACKEND, with the plugin and --mode perf', () => {
    const out = tempDir('bogus-env');
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', 'test/math.test.ts', '--mode', 'perf', '--', '--perf-output', out], { PERF_BACKEND: 'bogus' });
    expectStoppedByOneLine(run, out, `PERF_BACKEND is "bogus"; ${EXPECTED}`);
  });

  it('given to perf-report vitest', () => {
    const out = tempDir('bogus-cli');
    const run = runIn(VITEST_FIXTURE, [CLI, 'vitest', '--config', 'vitest.plain.config.ts', 'test/math.test.ts', '--perf-backend', 'bogus', '--perf-output', out], {
      PERF_BACKEND: '',
    });
    expectStoppedByOneLine(run, out, `PERF_BACKEND is "bogus"; ${EXPECTED}`);
  });
});
