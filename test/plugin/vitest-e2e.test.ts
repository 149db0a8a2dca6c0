import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { asZoneRun } from '../support/runs.js';
import { REPO, VITEST_BIN, VITEST_FIXTURE, buildOnce } from '../support/build.js';
import { type CsvRow, existsSync, pdfFirstPage, readZoneCsv, row, runIn, tempDir, removeTempDirs } from '../support/fixture-run.js';

const HEADER = 'name,src_file,src_line,total_ns,total_perc,counts,mean_ns,min_ns,max_ns,std_ns';

/** 1-based line of the first line of a fixture file containing `text`. */
function lineOf(file: string, text: string): string {
  const lines = readFileSync(join(VITEST_FIXTURE, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  if (index === -1) throw new Error(`"${text}" not in ${file}`);
  return String(index + 1);
}

function expectFixtureZones(rows: CsvRow[]): void {
  const math = 'test/math.test.ts';
  const at = (name: string) => {
    const r = row(rows, name);
    return { file: r.src_file, line: r.src_line, counts: r.counts };
  };
  // Tests: full name, file relative to the project, the test's own line, one zone per run.
  expect(at('math > adds')).toEqual({ file: math, line: lineOf(math, "test('adds'"), counts: '1' });
  expect(at('math > nested > sums nothing')).toEqual({ file: math, line: lineOf(math, "test('sums nothing'"), counts: '1' });
  expect(at('top level')).toEqual({ file: math, line: lineOf(math, "test('top level'"), counts: '1' });
  expect(at('strings > fails on purpose')).toMatchObject({ file: 'test/strings.test.ts', counts: '1' });
  // Hooks: one zone per hook, counted per run, each at its own line.
  expect(at('math > beforeEach')).toEqual({ file: math, line: lineOf(math, 'beforeEach(() =>'), counts: '3' });
  expect(at('math > afterEach')).toEqual({ file: math, line: lineOf(math, 'afterEach(() =>'), counts: '3' });
  expect(at('math > nested > beforeAll')).toEqual({ file: math, line: lineOf(math, 'beforeAll(async'), counts: '1' });
  // Suites and files.
  expect(at('math')).toEqual({ file: math, line: lineOf(math, "describe('math'"), counts: '1' });
  expect(at('math > nested')).toEqual({ file: math, line: lineOf(math, "describe('nested'"), counts: '1' });
  expect(at('run test/math.test.ts')).toEqual({ file: math, line: '0', counts: '1' });
  expect(at('collect test/math.test.ts')).toEqual({ file: math, line: '0', counts: '1' });
  // User zones: defineZone in library code and zone() in a test.
  expect(at('fib')).toEqual({ file: 'src/lib.ts', line: lineOf('src/lib.ts', "defineZone('fib')"), counts: '2' });
  expect(at('join words')).toEqual({ file: 'test/strings.test.ts', line: lineOf('test/strings.test.ts', "zone('join words'"), counts: '1' });
  // Concurrent tests: each is its own zone, and zones inside them pair up correctly.
  expect(at('parallel > first')).toMatchObject({ line: lineOf('test/concurrent.test.ts', "concurrent('first'"), counts: '1' });
  expect(at('parallel > second')).toMatchObject({ line: lineOf('test/concurrent.test.ts', "concurrent('second'"), counts: '1' });
  expect(at('wait in concurrent test').counts).toBe('2');
  // Numbers are consistent with each other.
  for (const r of rows) {
    const total = Number(r.total_ns);
    const counts = Number(r.counts);
    expect(Number(r.mean_ns)).toBe(Math.floor(total / counts));
    expect(Number(r.min_ns)).toBeLessThanOrEqual(Number(r.mean_ns));
    expect(Number(r.max_ns)).toBeGreaterThanOrEqual(Number(r.mean_ns));
    expect(r.total_perc).toMatch(/^\d+\.\d{6}$/);
    expect(r.std_ns).toMatch(/^\d+\.\d{6}$/);
  }
  // The concurrent test that waits 20 ms must contain its own waiting zone.
  expect(Number(row(rows, 'parallel > first').total_ns)).toBeGreaterThanOrEqual(Number(row(rows, 'wait in concurrent test').max_ns));
}

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

describe('vitest plugin in perf mode', () => {
  it('records tests, hooks, suites and user zones on the forks pool, stores them and writes the report', async () => {
    const out = tempDir('forks');
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', '--pool=forks', '--', '--perf', '--perf-output', out]);
    // The failing fixture test keeps failing the run; perf data is saved anyway.
    expect(run.status, run.output).toBe(1);
    expect(run.output).toContain('1 failed');
    expect(run.output).toMatch(/perf-report: \d+ zones → /);

    const csv = readZoneCsv(out);
    expect(csv.file).toBe('vitest-fixture.1.2.3.csv');
    expect(csv.text.startsWith(`${HEADER}\n`)).toBe(true);
    expect(csv.text.endsWith('\n')).toBe(true);
    expect(csv.text).not.toContain('\r');
    expectFixtureZones(csv.rows);

    const storage = new ProfileStorage(join(out, 'profiles.h5'));
    expect(await storage.listVersions()).toEqual(['1.2.3']);
    const [platform] = await storage.listPlatforms('1.2.3');
    const stored = asZoneRun(await storage.loadRun('1.2.3', platform as string));
    expect(stored.meta.backend).toBe('embedded');
    // Whether the runner instrumented the code for coverage is part of how the run was measured.
    expect(stored.meta.coverage).toBe('off');
    expect(stored.profiles.map((p) => p.name)).toEqual(['vitest-fixture']);
    const adds = stored.profiles[0]?.records.find((z) => z.name === 'math > adds');
    expect(adds).toMatchObject({ srcFile: 'test/math.test.ts', counts: 1, totalNs: Number(row(csv.rows, 'math > adds').total_ns) });

    const firstPage = pdfFirstPage(out);
    expect(firstPage, 'a PDF report in the output directory').toBeDefined();
    expect(firstPage).toContain('1.2.3');
  });

  it.each(['threads', 'vmThreads'])('records the same zones on the %s pool', (pool) => {
    const out = tempDir(pool);
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', `--pool=${pool}`, '--', '--perf', '--perf-output', out]);
    expect(run.status, run.output).toBe(1);
    expectFixtureZones(readZoneCsv(out).rows);
  });

  it('writes nothing and adds no reporter outside perf mode', () => {
    const defaultOut = join(VITEST_FIXTURE, 'perf');
    rmSync(defaultOut, { recursive: true, force: true });
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run']);
    expect(run.status, run.output).toBe(1);
    expect(run.output).not.toContain('perf-report');
    expect(existsSync(defaultOut)).toBe(false);
  });

  it('turns on with PERF_MODE=true and writes to the configured output directory', () => {
    const defaultOut = join(VITEST_FIXTURE, 'perf');
    rmSync(defaultOut, { recursive: true, force: true });
    try {
      const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', 'test/math.test.ts'], { PERF_MODE: 'true' });
      expect(run.status, run.output).toBe(0);
      const rows = readZoneCsv(defaultOut).rows;
      expect(row(rows, 'math > beforeEach').counts).toBe('3');
      expect(rows.some((r) => r.src_file === 'test/strings.test.ts')).toBe(false);
    } finally {
      rmSync(defaultOut, { recursive: true, force: true });
    }
  });
});

describe('an interrupted run', () => {
  it('is not stored: --bail stops the run at the first failure, and nothing is written', () => {
    const out = tempDir('bail');
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', '--bail=1', '--pool=forks', '--', '--perf', '--perf-output', out]);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toContain('perf-report: the run was interrupted; nothing was stored');
    expect(run.output).not.toMatch(/perf-report: \d+ zones → /);
    expect(existsSync(out) && readdirSync(out).length > 0).toBe(false);
  });
});

describe('failures of perf-report itself', () => {
  it('print one line and keep the tests\' exit code', () => {
    const blocker = join(tempDir('blocked'), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', 'test/math.test.ts', '--', '--perf', '--perf-output', join(blocker, 'out')]);
    expect(run.status, run.output).toBe(0);
    const ours = run.output.split('\n').filter((line) => line.includes('perf-report:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain(blocker);
  });
});

describe('vitest reporter alone', () => {
  it('profiles a project without the plugin from --reporter=perf-report', () => {
    const out = tempDir('reporter');
    const run = runIn(VITEST_FIXTURE, [
      VITEST_BIN,
      'run',
      '--config',
      'vitest.plain.config.ts',
      '--reporter=default',
      '--reporter=perf-report',
      `--outputFile.perf-report=${out}`,
    ]);
    expect(run.status, run.output).toBe(1);
    expectFixtureZones(readZoneCsv(out).rows);
  });
});

describe('runVitestInPerfMode', () => {
  it('runs the project vitest in perf mode and returns its exit code', () => {
    const out = tempDir('cli');
    const script = `
      const { runVitestInPerfMode } = await import(${JSON.stringify(join(REPO, 'dist/src/cli/launch-runner.js'))});
      const code = await runVitestInPerfMode(process.argv.slice(1), { stdio: 'ignore' });
      console.log('exit ' + code);`;
    const failing = runIn(VITEST_FIXTURE, ['--input-type=module', '-e', script, '--', '--config', 'vitest.plain.config.ts', '--perf-output', out]);
    expect(failing.output).toContain('exit 1');
    expectFixtureZones(readZoneCsv(out).rows);

    const passing = runIn(VITEST_FIXTURE, ['--input-type=module', '-e', script, '--', 'test/math.test.ts', '--config', 'vitest.plain.config.ts', `--perf-output=${tempDir('cli-pass')}`]);
    expect(passing.output).toContain('exit 0');
  });
});
