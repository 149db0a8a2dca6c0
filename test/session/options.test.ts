import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BackendChoiceError } from '../../src/session/backend-choice.js';
import { resolvePerfOptions, type PerfOptions } from '../../src/session/options.js';

const root = mkdtempSync(join(tmpdir(), 'perf-report-options-'));
writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@scope/app', version: '1.4.0' }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function resolve(options: PerfOptions, env: NodeJS.ProcessEnv = {}, argv: string[] = []) {
  return resolvePerfOptions(options, { root, argv, env, cwd: '/work' });
}

describe('resolvePerfOptions', () => {
  it('fills every default from the project and Tracy\'s conventions', () => {
    expect(resolve({})).toEqual({
      root,
      outDir: join(root, 'perf'),
      name: '@scope/app',
      version: '1.4.0',
      backend: 'auto',
      repeat: 1,
      rounds: 1,
      strict: false,
      h5: true,
      html: true,
      samplingIntervalUs: 100,
      tracy: { port: 8086, portSearch: 20, connectTimeoutMs: 10_000, exitTimeoutMs: 60_000 },
    });
  });

  it('takes --perf-backend from the command line over PERF_BACKEND and the option, and refuses an unknown one', () => {
    expect(resolve({ backend: 'tracy' }, { PERF_BACKEND: 'embedded' }, ['run', '--', '--perf', '--perf-backend', 'cpuprofile']).backend).toBe('cpuprofile');
    expect(resolve({}, {}, ['--perf-backend=embedded']).backend).toBe('embedded');
    expect(() => resolve({}, { PERF_BACKEND: 'embedded' }, ['--perf-backend', 'bogus'])).toThrow(BackendChoiceError);
    expect(() => resolve({}, {}, ['--perf-backend', 'bogus'])).toThrow('--perf-backend is "bogus"; expected one of auto, tracy, embedded, cpuprofile');
  });

  it('lets the environment win over the options, and the command line over the configured output', () => {
    const resolved = resolve(
      { backend: 'tracy', version: '1.0.0', tracyPort: 9000, samplingIntervalUs: 50, output: 'configured' },
      { PERF_BACKEND: 'embedded', PERF_VERSION: '2.0.0', TRACY_PORT: '9100', PERF_SAMPLING_INTERVAL_US: '500', PERF_OUTPUT: 'from-env' },
    );
    expect(resolved).toMatchObject({ backend: 'embedded', version: '2.0.0', samplingIntervalUs: 500, outDir: '/work/from-env' });
    // A port the user chose is tried alone: tracy-capture is told exactly that one.
    expect(resolved.tracy).toMatchObject({ port: 9100, portSearch: 1 });
    expect(resolve({ output: 'configured' }, {}, ['--perf-output', 'argv-out']).outDir).toBe('/work/argv-out');
  });

  it('writes the HTML report unless the html option says not to', () => {
    expect(resolve({ html: false }).html).toBe(false);
    expect(resolve({ html: true }).html).toBe(true);
  });

  it('refuses values it cannot use, naming the option or the variable', () => {
    expect(() => resolve({ tracyPort: 70_000 })).toThrow('the tracyPort option is 70000; expected a whole number from 0 to 65535');
    expect(() => resolve({}, { TRACY_PORT: 'eighty' })).toThrow('TRACY_PORT is "eighty"; expected a whole number from 0 to 65535');
    expect(() => resolve({ captureConnectTimeoutMs: -1 })).toThrow('the captureConnectTimeoutMs option is -1; expected a whole number ≥ 1');
    expect(() => resolve({ captureExitTimeoutMs: 1.5 })).toThrow('the captureExitTimeoutMs option is 1.5');
    expect(() => resolve({ repeat: 0 })).toThrow('the repeat option is 0; expected a whole number ≥ 1');
    expect(() => resolve({ name: '' })).toThrow('the name option is ""; expected a non-empty text');
    expect(() => resolve({ backend: 'fast' as never })).toThrow(BackendChoiceError);
    expect(() => resolve({}, { PERF_SAMPLING_INTERVAL_US: '0' })).toThrow('PERF_SAMPLING_INTERVAL_US is "0"');
  });

  it('resolves the gate, the Markdown summary, the git baseline and the shard, the environment winning', () => {
    expect(resolve({ failOnRegression: true, summaryMd: 'summary.md', baselineRef: 'main' }, {}, [])).toMatchObject({
      failOnRegression: true,
      summaryMd: join(root, 'summary.md'),
      baselineRef: 'main',
    });
    expect(resolve({ failOnRegression: true }, { PERF_FAIL_ON_REGRESSION: '0', PERF_REQUIRE_BASELINE: '1', PERF_SUMMARY_MD: 'ci.md', PERF_BASELINE_REF: 'origin/main' })).toMatchObject({
      requireBaseline: true,
      summaryMd: '/work/ci.md',
      baselineRef: 'origin/main',
    });
    expect(resolve({}, { PERF_FAIL_ON_REGRESSION: '0' }).failOnRegression).toBeUndefined();
    expect(resolvePerfOptions({}, { root, argv: [], env: {}, cwd: '/work', shard: { index: 2, count: 4 } }).shard).toBe('2/4');
    expect(resolvePerfOptions({}, { root, argv: [], env: { PERF_SHARD: '3/4' }, cwd: '/work', shard: { index: 2, count: 4 } }).shard).toBe('3/4');
  });

  it('refuses gate settings it cannot use before any test runs', () => {
    expect(() => resolve({}, { PERF_FAIL_ON_REGRESSION: 'yes' })).toThrow('PERF_FAIL_ON_REGRESSION is "yes"; expected true or false (1 or 0)');
    expect(() => resolve({}, { PERF_SHARD: 'two of four' })).toThrow('PERF_SHARD is "two of four"; expected a shard as <index>/<count>');
    expect(() => resolve({ failOnRegression: true, budgets: { parse: 'fast' } as never })).toThrow('the budgets option: the budget of "parse" is "fast"');
  });
  it('refuses a version or pdfName that would name a file outside the output directory, naming its source', () => {
    expect(() => resolve({}, { PERF_VERSION: '1.0.0/../../../../escape' })).toThrow(/^PERF_VERSION: version .* holds a path separator/);
    expect(() => resolve({ version: '1.1.0\n' })).toThrow(/^the version option: version "1\.1\.0\\n" holds a control character/);
    expect(() => resolve({ pdfName: '../x.pdf' })).toThrow(/^the pdfName option "\.\.\/x\.pdf" must be a file name/);
    expect(resolve({ pdfName: 'regen' }).pdfName).toBe('regen.pdf');
  });
  it('asks for a version when the project has none (a workspace root), naming every way to give one', () => {
    const workspaceRoot = join(root, 'workspace');
    mkdirSync(workspaceRoot);
    writeFileSync(join(workspaceRoot, 'package.json'), JSON.stringify({ name: 'monorepo-root', private: true }));
    const at = (options: PerfOptions, env: NodeJS.ProcessEnv = {}) => resolvePerfOptions(options, { root: workspaceRoot, argv: [], env, cwd: '/work' });
    expect(() => at({})).toThrow(`${join(workspaceRoot, 'package.json')}: has no "version" (a workspace root?); pass --perf-version V (perf-report vitest|jest), set the perf-report \`version\` option or PERF_VERSION`);
    expect(at({}, { PERF_VERSION: '2.0.0' }).version).toBe('2.0.0');
  });
});
