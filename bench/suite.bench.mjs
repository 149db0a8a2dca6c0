// A generated 1,000-test Vitest suite, run plain, in perf mode with zones (embedded collector)
// and in perf mode with the cpuprofile backend (V8 sampling profiler per test file, 100 µs):
// wall time and Vitest's own "Duration" (the tests, without our post-run pipeline), as ratios
// to the plain runs of the same invocation. Beside it the same 1,000 tests as a Jest suite
// (perf-report's environment and reporter configured): bare Jest, configured but plain, and
// perf mode, so Jest's extra time is split into the environment's cost and the recording and
// report's. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = 10;
const SUITES_PER_FILE = 5;
const TESTS_PER_SUITE = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// BENCH_LOOP_TITLES=1: every test registered in a loop with a template-literal title.
const LOOP_TITLES = process.env.BENCH_LOOP_TITLES === '1';

const project = mkdtempSync(join(tmpdir(), 'perf-report-suite-bench-'));
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'suite-bench', version: '1.0.0', type: 'module' }));
writeFileSync(
  join(project, 'vitest.config.mjs'),
  `import { defineConfig } from 'vitest/config';\nimport { perfReport } from 'perf-report/plugin';\nexport default defineConfig({ plugins: [perfReport()], test: { include: ['test/**/*.test.js'] } });\n`,
);
mkdirSync(join(project, 'test'));
mkdirSync(join(project, 'node_modules'));
// A copy, as npm would install it: under node_modules Vitest loads it with Node, not through Vite.
const installed = join(project, 'node_modules/perf-report');
mkdirSync(installed);
cpSync(join(REPO, 'dist'), join(installed, 'dist'), { recursive: true });
cpSync(join(REPO, 'package.json'), join(installed, 'package.json'));
symlinkSync(join(REPO, 'node_modules'), join(installed, 'node_modules'), 'dir');
symlinkSync(join(REPO, 'node_modules/vitest'), join(project, 'node_modules/vitest'), 'dir');
for (let f = 0; f < FILES; f++) {
  let source = `import { beforeEach, describe, expect, test } from 'vitest';\n`;
  for (let s = 0; s < SUITES_PER_FILE; s++) {
    source += `describe('suite ${s}', () => {\n  let list;\n  beforeEach(() => { list = Array.from({ length: 50 }, (_, i) => i); });\n`;
    if (LOOP_TITLES) {
      // Titles made at run time, as in suites that generate tests from a table: no title is in the text.
      source += `  for (const t of Array.from({ length: ${TESTS_PER_SUITE} }, (_, i) => i)) {\n`;
      source += `    test(\`test \${t}\`, () => { expect(list.reduce((a, b) => a + b, 0)).toBe(1225); });\n  }\n`;
    } else {
      for (let t = 0; t < TESTS_PER_SUITE; t++) {
        source += `  test('test ${t}', () => { expect(list.reduce((a, b) => a + b, 0)).toBe(1225); });\n`;
      }
    }
    source += `});\n`;
  }
  writeFileSync(join(project, 'test', `file${f}.test.js`), source);
}

// The Jest twin: CommonJS test files, perf-report's environment and reporter in the config.
const jestProject = mkdtempSync(join(tmpdir(), 'perf-report-jest-bench-'));
writeFileSync(join(jestProject, 'package.json'), JSON.stringify({ name: 'jest-suite-bench', version: '1.0.0', private: true }));
writeFileSync(
  join(jestProject, 'jest.config.cjs'),
  `module.exports = { testMatch: ['<rootDir>/test/**/*.test.js'], testEnvironment: 'perf-report/jest/environment', reporters: ['default', ['perf-report/jest', { output: 'perf-out' }]] };\n`,
);
writeFileSync(join(jestProject, 'jest.bare.config.cjs'), `module.exports = { testMatch: ['<rootDir>/test/**/*.test.js'] };\n`);
mkdirSync(join(jestProject, 'test'));
mkdirSync(join(jestProject, 'node_modules'));
const jestInstalled = join(jestProject, 'node_modules/perf-report');
mkdirSync(jestInstalled);
cpSync(join(REPO, 'dist'), join(jestInstalled, 'dist'), { recursive: true });
cpSync(join(REPO, 'package.json'), join(jestInstalled, 'package.json'));
symlinkSync(join(REPO, 'node_modules'), join(jestInstalled, 'node_modules'), 'dir');
for (let f = 0; f < FILES; f++) {
  let source = '';
  for (let s = 0; s < SUITES_PER_FILE; s++) {
    source += `describe('suite ${s}', () => {\n  let list;\n  beforeEach(() => { list = Array.from({ length: 50 }, (_, i) => i); });\n`;
    for (let t = 0; t < TESTS_PER_SUITE; t++) {
      source += `  test('test ${t}', () => { expect(list.reduce((a, b) => a + b, 0)).toBe(1225); });\n`;
    }
    source += `});\n`;
  }
  writeFileSync(join(jestProject, 'test', `file${f}.test.js`), source);
}
const jestBin = join(REPO, 'node_modules/jest/bin/jest.js');
/** `mode`: 'bare' (no perf-report), 'plain' (configured, perf off) or 'perf'. */
function runJest(mode) {
  rmSync(join(jestProject, 'perf-out'), { recursive: true, force: true });
  const args = [jestBin, '--ci', ...(mode === 'bare' ? ['--config', 'jest.bare.config.cjs'] : [])];
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PERF_')));
  if (mode === 'perf') Object.assign(env, { PERF_MODE: 'true', PERF_OUTPUT: join(jestProject, 'perf-out') });
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: jestProject, env, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`jest (${mode}) failed:\n${result.stdout}\n${result.stderr}`);
  // Jest's own "Time: 1.234 s" is measured when its summary prints, after every other
  // reporter's end of run: in perf mode it includes our report.
  const match = /Time:\s+([\d.]+)\s*(ms|s)/.exec(result.stderr);
  const duration = match ? Number(match[1]) * (match[2] === 's' ? 1000 : 1) : NaN;
  return { wall, duration };
}

const vitest = join(REPO, 'node_modules/vitest/vitest.mjs');
/** `backend`: undefined for a plain run, else the PERF_BACKEND of a perf run. */
function run(backend) {
  const out = join(project, 'perf-out');
  rmSync(out, { recursive: true, force: true });
  const args = [vitest, 'run', ...(backend ? ['--', '--perf', '--perf-output', out] : [])];
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PERF_')));
  if (backend) env.PERF_BACKEND = backend;
  // To see what the sampling rate costs: PERF_SAMPLING_INTERVAL_US=1000 node bench/suite.bench.mjs
  if (backend === 'cpuprofile' && process.env.PERF_SAMPLING_INTERVAL_US) env.PERF_SAMPLING_INTERVAL_US = process.env.PERF_SAMPLING_INTERVAL_US;
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: project, env, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`vitest failed:\n${result.stdout}\n${result.stderr}`);
  const match = /Duration\s+(?:\x1b\[[0-9;]*m)*\s*([\d.]+)(ms|s)/.exec(result.stdout);
  const duration = match ? Number(match[1]) * (match[2] === 's' ? 1000 : 1) : NaN;
  return { wall, duration };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
run(undefined); // warm Vite's caches and the OS file cache
runJest('plain'); // and Jest's transform cache
const plain = [];
const zones = [];
const cpuprofile = [];
const jest = { bare: [], plain: [], perf: [] };
for (let round = 0; round < ROUNDS; round++) {
  plain.push(run(undefined));
  zones.push(run('embedded'));
  cpuprofile.push(run('cpuprofile'));
  for (const mode of ['bare', 'plain', 'perf']) jest[mode].push(runJest(mode));
}
const report = (label, perf, pick) => {
  const p = median(plain.map(pick));
  const q = median(perf.map(pick));
  console.log(`${label.padEnd(46)} plain ${p.toFixed(0).padStart(6)} ms   perf ${q.toFixed(0).padStart(6)} ms   ratio ${(q / p).toFixed(3)}×`);
  return q / p;
};
console.log(`generated suite: ${FILES * SUITES_PER_FILE * TESTS_PER_SUITE} tests in ${FILES} files${LOOP_TITLES ? ' (titles from loops)' : ''}; median of ${ROUNDS} alternating runs`);
const zonesRatio = report('zones: vitest Duration (tests only)', zones, (r) => r.duration);
const zonesWallRatio = report('zones: wall (incl. CSV + HDF5 + PDF)', zones, (r) => r.wall);
const cpuRatio = report('cpuprofile: vitest Duration (tests only)', cpuprofile, (r) => r.duration);
report('cpuprofile: wall (incl. extract + HDF5 + PDF)', cpuprofile, (r) => r.wall);
console.log(`zones: target ≤ 1.10× for the test run: ${zonesRatio <= 1.1 ? 'within' : 'OVER'}`);
// A sampling profiler at 10 kHz plus one JSON profile per file: no target yet, the figure is the report.
console.log(`cpuprofile: test-run overhead ${((cpuRatio - 1) * 100).toFixed(1)}% at ${process.env.PERF_SAMPLING_INTERVAL_US ?? 100} µs sampling`);
console.log(`TARGET vitest perf-mode run (zones) wall incl. report vs plain: ${zonesWallRatio.toFixed(3)}× (target ≤ 1.15×) ${zonesWallRatio <= 1.15 ? 'within' : 'OVER'}`);

const jestLine = (label, mode, pick, against = 'plain') => {
  const p = median(jest[against].map(pick));
  const q = median(jest[mode].map(pick));
  console.log(`${label.padEnd(46)} ${against.padEnd(5)} ${p.toFixed(0).padStart(6)} ms   ${mode.padEnd(5)} ${q.toFixed(0).padStart(6)} ms   ratio ${(q / p).toFixed(3)}×`);
  return q / p;
};
console.log(`generated Jest suite: the same ${FILES * SUITES_PER_FILE * TESTS_PER_SUITE} tests; median of ${ROUNDS} alternating runs`);
jestLine('jest: environment configured, perf off: Time', 'plain', (r) => r.duration, 'bare');
jestLine('jest: environment configured, perf off: wall', 'plain', (r) => r.wall, 'bare');
jestLine('jest: perf mode: Time (incl. our report)', 'perf', (r) => r.duration);
const jestWallRatio = jestLine('jest: perf mode: wall (incl. CSV + HDF5 + PDF)', 'perf', (r) => r.wall);
console.log(`TARGET jest perf-mode run wall incl. report vs plain: ${jestWallRatio.toFixed(3)}× (target ≤ 1.15×) ${jestWallRatio <= 1.15 ? 'within' : 'OVER'}`);
console.log(`TARGET jest perf-mode overhead no worse than vitest's: jest ${jestWallRatio.toFixed(3)}× vs vitest ${zonesWallRatio.toFixed(3)}× ${jestWallRatio <= zonesWallRatio ? 'within' : 'OVER'}`);
rmSync(project, { recursive: true, force: true });
rmSync(jestProject, { recursive: true, force: true });
