// `perf-report jest` names its environment on Jest's command line: a project's own (jsdom, a
// custom one) must still be the one its tests run in, with the zones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JEST_FIXTURE, buildOnce } from '../support/build.js';
import { cliPath } from '../support/fixtures.js';
import { readZoneCsv, removeTempDirs, row, runIn, tempDir } from '../support/fixture-run.js';

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

/** `perf-report jest` on the Jest fixture with `config`: the run and the zones it stored (none when it stored none). */
function perfReportJest(config: string) {
  const out = tempDir('jest-cli-env');
  const run = runIn(JEST_FIXTURE, [cliPath, 'jest', '--no-cache', '--config', config, '--perf-output', out]);
  return { run, csv: run.status === 0 ? readZoneCsv(out) : { rows: [] } };
}

describe('perf-report jest with the project\'s own test environment', () => {
  it('runs the tests in the environment the config names, and records their zones', () => {
    const { run, csv } = perfReportJest('jest.own-environment.config.cjs');
    // The test fails unless the project's environment set it up.
    expect(run.status, run.output).toBe(0);
    expect(row(csv.rows, 'own > runs in the project environment')).toMatchObject({ src_file: 'own/kept.test.js', counts: '1' });
    expect(row(csv.rows, 'run own/kept.test.js')).toMatchObject({ counts: '1' });
  });

  it('gives an environment that already has the zones (withPerfZones) no second set', () => {
    const { run, csv } = perfReportJest('jest.wrapped-environment.config.cjs');
    expect(run.status, run.output).toBe(0);
    expect(row(csv.rows, 'wrapped > runs in the project environment')).toMatchObject({ src_file: 'wrapped/marked.test.js', counts: '1' });
    expect(csv.rows.filter((r) => r.name === 'wrapped > runs in the project environment')).toHaveLength(1);
  });
});
