import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JEST_BIN, JEST_FIXTURE, buildOnce } from '../support/build.js';
import { runIn, tempDir, removeTempDirs } from '../support/fixture-run.js';

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

it('records whether coverage was on, and cautions when the baseline was measured without it', () => {
  const out = tempDir('jest-coverage');
  const env = (version: string) => ({ PERF_MODE: 'true', PERF_OUTPUT: out, PERF_VERSION: version, PERF_SUMMARY_JSON: join(out, `summary-${version}.json`) });
  const plain = runIn(JEST_FIXTURE, [JEST_BIN, '--no-cache', 'test/other'], env('2.0.0'));
  expect(plain.status, plain.output).toBe(0);
  const covered = runIn(JEST_FIXTURE, [JEST_BIN, '--no-cache', 'test/other', '--coverage', '--coverageProvider=v8', `--coverageDirectory=${join(out, 'coverage')}`], env('2.0.1'));
  expect(covered.status, covered.output).toBe(0);
  expect(covered.output).toContain('perf-report: jest-fixture 2.0.1 vs 2.0.0');
  expect(covered.output).toMatch(/measured under other conditions than the baseline \([^)]*coverage off → v8\): a change may come from them/);
  const summary = JSON.parse(readFileSync(join(out, 'summary-2.0.1.json'), 'utf8')) as { conditions: unknown[] };
  expect(summary.conditions).toContainEqual({ what: 'coverage', baseline: 'off', current: 'v8' });
});
