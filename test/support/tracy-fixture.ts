// Runs and profiles for the comparison and report tests, from the real tracy-csvexport fixtures.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ZoneComparison } from '../../src/compare/comparison.js';
import { makeProfile, type ProfileData } from '../../src/model/profile.js';
import type { RunMeta, ZoneRun } from '../../src/model/run.js';
import type { ZoneStat } from '../../src/model/zone-stat.js';
import { parseRoundsCsv } from '../../src/extract/rounds-csv.js';
import { parseTracyCsv } from '../../src/extract/tracy-csv.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/tracy-csvexport/', import.meta.url));

export function fixtureProfile(version: string, profileName = 'app'): ProfileData {
  const path = `${FIXTURE_DIR}app.${version}.csv`;
  return makeProfile(profileName, path, parseTracyCsv(readFileSync(path), path));
}

export function makeMeta(version: string, overrides: Partial<RunMeta> = {}): RunMeta {
  return {
    machineId: 'ci-runner-7',
    platformId: 'linux-x64-node20',
    version,
    timestamp: Date.UTC(2026, 2, 23, 14, 5) / 1000,
    system: 'linux',
    arch: 'x64',
    host: 'ci-runner-7',
    release: '6.8.0-45-generic',
    processor: 'AMD EPYC 7763 64-Core Processor',
    nodeVersion: 'v20.20.2',
    backend: 'tracy',
    packageName: 'app',
    gitCommit: '7ba3999',
    extra: {},
    ...overrides,
  };
}

export function makeRun(version: string, profiles: ProfileData[], meta: Partial<RunMeta> = {}): ZoneRun {
  return { kind: 'zones', version, platformId: 'linux-x64-node20', meta: makeMeta(version, meta), profiles };
}

export function fixtureRun(version: string, meta: Partial<RunMeta> = {}): ZoneRun {
  return makeRun(version, [fixtureProfile(version)], meta);
}

export function zone(name: string, overrides: Partial<ZoneStat> = {}): ZoneStat {
  return {
    name,
    srcFile: 'src/a.ts',
    srcLine: 1,
    totalNs: 1_000_000,
    totalPerc: 1,
    counts: 100,
    meanNs: 10_000,
    minNs: 9_000,
    maxNs: 11_000,
    stdNs: 500,
    ...overrides,
  };
}

/** A chart's entry: `name` at `meanNs` (min half, max three times), against `baselineMean` when given, else new. */
export function comparedZone(name: string, meanNs: number, baselineMean?: number): ZoneComparison {
  const current = zone(name, { meanNs, minNs: meanNs * 0.5, maxNs: meanNs * 3 });
  return {
    profile: 'p',
    name,
    srcFile: current.srcFile,
    srcLine: current.srcLine,
    current,
    ...(baselineMean !== undefined ? { baseline: zone(name, { meanNs: baselineMean }) } : {}),
    verdict: baselineMean === undefined ? 'new' : 'unchanged',
  };
}

export const ROUNDS_FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/rounds/', import.meta.url));

/** A run of the rounds fixtures (fixtures/rounds/MANIFEST.md): the pooled CSV with each zone's 10 rounds. */
export function roundsFixtureRun(version: '1.0.0' | '1.1.0', meta: Partial<RunMeta> = {}): ZoneRun {
  const csv = `${ROUNDS_FIXTURE_DIR}suite.${version}.csv`;
  const roundsFile = `${ROUNDS_FIXTURE_DIR}suite.${version}.rounds.csv`;
  const rounds = parseRoundsCsv(readFileSync(roundsFile, 'utf8'), roundsFile);
  const zones = parseTracyCsv(readFileSync(csv), csv).map((zone) => {
    const own = rounds.get(`${zone.name}\0${zone.srcFile}\0${zone.srcLine}`);
    return own ? { ...zone, rounds: own } : zone;
  });
  return makeRun(version, [makeProfile('suite', csv, zones)], { rounds: 10, ...meta });
}
