import type { ProfileData } from '../../src/model/profile.js';
import { makeProfile } from '../../src/model/profile.js';
import type { FunctionProfile } from '../../src/model/function-stat.js';
import type { FunctionRun, RunMeta, StoredRun, ZoneRun } from '../../src/model/run.js';
import type { ZoneStat } from '../../src/model/zone-stat.js';
import { describeRun } from '../../src/pipeline/run-meta.js';

export function zone(name: string, overrides: Partial<ZoneStat> = {}): ZoneStat {
  return {
    name,
    srcFile: 'test/a.test.ts',
    srcLine: 1,
    totalNs: 3000,
    totalPerc: 1.5,
    counts: 3,
    meanNs: 1000,
    minNs: 900,
    maxNs: 1100,
    stdNs: 81.5,
    ...overrides,
  };
}

export function meta(version: string, overrides: Partial<RunMeta> = {}): RunMeta {
  return { ...describeRun({ version, packageName: 'app', backend: 'tracy', platformId: 'linux-x64-node20' }), ...overrides };
}

export function profile(name: string, zones: ZoneStat[]): ProfileData {
  return makeProfile(name, `/perf/${name}.csv`, zones);
}

/** A zone run as the store takes it. */
export function zoneRun(runMeta: RunMeta, profiles: ProfileData[]): ZoneRun {
  return { kind: 'zones', version: runMeta.version, platformId: runMeta.platformId, meta: runMeta, profiles };
}

/** A cpuprofile run as the store takes it. */
export function functionRun(runMeta: RunMeta, profiles: FunctionProfile[]): FunctionRun {
  return { kind: 'functions', version: runMeta.version, platformId: runMeta.platformId, meta: runMeta, profiles };
}

/** The run as a zone run, or a test failure saying what it was instead. */
export function asZoneRun(run: StoredRun): ZoneRun {
  if (run.kind !== 'zones') throw new Error(`expected a zone run, got ${run.kind} (backend ${run.meta.backend})`);
  return run;
}
