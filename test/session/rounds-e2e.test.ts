import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStorage } from '../../src/store/profile-storage.js';
import { JEST_BIN, JEST_FIXTURE, VITEST_BIN, VITEST_FIXTURE, buildOnce } from '../support/build.js';
import { cliPath } from '../support/fixtures.js';
import { readZoneCsv, removeTempDirs, runIn, tempDir } from '../support/fixture-run.js';
import { asZoneRun } from '../support/runs.js';

/**
 * Runs in rounds, end to end: the real runner runs the suite once as the user started it and
 * again per further round, in fresh workers; the stored run holds every zone's rounds.
 */

beforeAll(() => {
  buildOnce();
});

afterAll(() => {
  removeTempDirs();
});

function roundsOf(out: string, csvFile: string): Array<Record<string, string>> {
  const text = readFileSync(join(out, csvFile.replace(/\.csv$/, '.rounds.csv')), 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

describe('a Vitest run in rounds', () => {
  it('perf-report vitest --perf-rounds 3: three rounds pooled into one run, each kept, the tests\' exit code kept', async () => {
    const out = tempDir('rounds-cli');
    const run = runIn(VITEST_FIXTURE, [cliPath, 'vitest', '--pool=forks', '--perf-rounds', '3', '--perf-output', out]);
    // The fixture fails one test on purpose, in every round.
    expect(run.status, run.output).toBe(1);
    expect(run.output).toMatch(/perf-report: round 2 of 3: \d+ zones, [\d.]+ s, tests exited 1/);
    expect(run.output).toMatch(/perf-report: round 3 of 3: \d+ zones/);

    const csv = readZoneCsv(out);
    const rows = roundsOf(out, csv.file);
    const adds = rows.filter((row) => row.name === 'math > adds');
    expect(adds.map((row) => row.round)).toEqual(['1', '2', '3']);
    // The pooled table counts every round's calls.
    expect(csv.rows.find((row) => row.name === 'math > adds')!.counts).toBe('3');
    for (const row of adds) expect(Number(row.p50_ns)).toBeGreaterThan(0);

    const storage = new ProfileStorage(join(out, 'profiles.h5'));
    const [platform] = await storage.listPlatforms('1.2.3');
    const stored = asZoneRun(await storage.loadRun('1.2.3', platform as string));
    expect(stored.meta.rounds).toBe(3);
    const zone = stored.profiles[0]!.records.find((record) => record.name === 'math > adds')!;
    expect(zone.rounds!.map((round) => round.round)).toEqual([1, 2, 3]);
  });

  it('PERF_ROUNDS through the plugin, and a bad rounds value stops the run before any test', () => {
    const out = tempDir('rounds-plugin');
    const run = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', 'test/math.test.ts', '--', '--perf', '--perf-output', out], { PERF_ROUNDS: '2' });
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/perf-report: round 2 of 2: \d+ zones, [\d.]+ s\n/);
    expect(new Set(roundsOf(out, readZoneCsv(out).file).map((row) => row.round))).toEqual(new Set(['1', '2']));

    const bad = runIn(VITEST_FIXTURE, [VITEST_BIN, 'run', 'test/math.test.ts', '--', '--perf', '--perf-output', tempDir('rounds-bad')], { PERF_ROUNDS: 'many' });
    expect(bad.status, bad.output).toBe(2);
    expect(bad.output).toContain('perf-report: PERF_ROUNDS is "many"; expected a whole number from 1 to 200');
    expect(bad.output).not.toMatch(/Tests\s+\d/);
  });
});

describe('a Jest run in rounds', () => {
  it('records each round through the reporter and stores them as one run', () => {
    const out = tempDir('rounds-jest');
    const run = runIn(JEST_FIXTURE, [JEST_BIN, '--no-cache', 'test/math.test.js', 'test/other.test.js'], { PERF_MODE: 'true', PERF_OUTPUT: out, PERF_ROUNDS: '2' });
    expect(run.status, run.output).toBe(1);
    expect(run.output).toMatch(/perf-report: round 2 of 2: \d+ zones/);
    const csv = readZoneCsv(out);
    expect(csv.rows.find((row) => row.name === 'math > adds')!.counts).toBe('2');
    // A new seed in each round's title of a property test: still one zone, in both rounds.
    expect(csv.rows.find((row) => row.name === 'sums in any order')!.counts).toBe('2');
    expect(roundsOf(out, csv.file).filter((row) => row.name === 'math > adds').map((row) => row.round)).toEqual(['1', '2']);
  });
});
