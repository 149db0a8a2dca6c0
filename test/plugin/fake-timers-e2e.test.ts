import { afterAll, beforeAll, expect, it } from 'vitest';
import { VITEST_BIN, VITEST_LINES_FIXTURE, buildOnce } from '../support/build.js';
import { readZoneCsv, row, runIn, tempDir, removeTempDirs } from '../support/fixture-run.js';

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

it('times zones on the real clock while a test fakes the timers', () => {
  const out = tempDir('fake-timers');
  const run = runIn(VITEST_LINES_FIXTURE, [VITEST_BIN, 'run', 'test/fake-timers', '--', '--perf', '--perf-output', out]);
  expect(run.status, run.output).toBe(0);
  const rows = readZoneCsv(out).rows;
  const installs = row(rows, 'fake timers > beforeEach');
  const advances = row(rows, 'fake timers > a minute passes in no time');
  // On the fake clock the first would end before it began, and the second would last the minute it advances.
  expect(Number(installs.total_ns)).toBeGreaterThan(0);
  expect(Number(advances.total_ns)).toBeGreaterThan(0);
  expect(Number(advances.max_ns)).toBeLessThan(10e9);
});
