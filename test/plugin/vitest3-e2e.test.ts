import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VITEST3_FIXTURE, buildOnce } from '../support/build.js';
import { readZoneCsv, row, runIn, tempDir, removeTempDirs } from '../support/fixture-run.js';

const VITEST3_BIN = join(VITEST3_FIXTURE, 'node_modules/vitest/vitest.mjs');

beforeAll(() => {
  if (!existsSync(VITEST3_BIN)) {
    throw new Error("fixtures/vitest3-project has no node_modules: the suite's global setup installs it (npm ci --prefix fixtures/vitest3-project)");
  }
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

/** fixtures/vitest3-project runs its own Vitest 3.2, the oldest version perf-report supports. */
describe('a Vitest 3.2 project', () => {
  it('pins Vitest 3.2', () => {
    const installed = JSON.parse(readFileSync(join(VITEST3_FIXTURE, 'node_modules/vitest/package.json'), 'utf8')) as { version: string };
    expect(installed.version).toMatch(/^3\.2\./);
  });

  it.each([
    ['the plugin', ['--mode', 'perf']],
    ['the reporter alone', ['--config', 'vitest.plain.config.ts', '--reporter=default', '--reporter=perf-report']],
  ])('is profiled through %s: tests, attempts, hooks, suites, files and user zones', (_how, args) => {
    const out = tempDir('vitest3');
    const run = runIn(VITEST3_FIXTURE, [VITEST3_BIN, 'run', ...args, '--', '--perf-output', out]);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('v3.2.');
    expect(run.output).toMatch(/perf-report: \d+ zones → /);
    const rows = readZoneCsv(out).rows;
    const at = (name: string) => {
      const r = row(rows, name);
      return { file: r.src_file, line: Number(r.src_line), counts: Number(r.counts) };
    };
    const file = 'test/square.test.ts';
    const source = readFileSync(join(VITEST3_FIXTURE, file), 'utf8').split('\n');
    const lineOf = (text: string) => source.findIndex((line) => line.includes(text)) + 1;
    expect(at('square > of three')).toEqual({ file, line: lineOf("test('of three'"), counts: 1 });
    expect(at('square > concurrently')).toEqual({ file, line: lineOf("concurrent('concurrently'"), counts: 1 });
    // Vitest 3.2 has no onAfterRetryTask: each attempt still is its own call.
    expect(at('retried once')).toEqual({ file, line: lineOf("test('retried once'"), counts: 2 });
    // A title made in a loop: the line of its registration call.
    expect(at('square of 4')).toEqual({ file, line: lineOf('test(`square of'), counts: 1 });
    expect(at('square > beforeEach')).toEqual({ file, line: lineOf('beforeEach('), counts: 2 });
    expect(at('square > afterEach')).toEqual({ file, line: lineOf('afterEach('), counts: 2 });
    expect(at('square').counts).toBe(1);
    // Vitest 3.2 has no traced phases: collection is timed from the runner's collect hooks.
    expect(at(`collect ${file}`)).toEqual({ file, line: 0, counts: 1 });
    expect(at(`run ${file}`)).toEqual({ file, line: 0, counts: 1 });
    expect(rows.find((r) => r.name === 'square' && r.src_file === 'src/lib.ts')?.counts).toBe('4');
  });
});
