import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { poolZoneStats, spanOfZones } from '../collect/pool-zones.js';
import { inputError } from '../errors.js';
import { byInclusiveTimeDescending, type FunctionProfile, type FunctionStat } from '../model/function-stat.js';
import { makeProfile, type ProfileData } from '../model/profile.js';
import type { FunctionRun, RunMeta, StoredRun, ZoneRun } from '../model/run.js';
import { splitShardKey } from '../model/shard.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { formatTimestamp } from '../render/format.js';
import { asStored, readHistoryRuns, rebuildHistory, type HistoryRun, type MergedRun } from '../store/history-merge.js';

export type MergePreference = 'newer' | 'older';

export interface MergeOptions {
  /** `profiles.h5` files, or directories holding one. */
  inputs: readonly string[];
  /** The history to write; its own runs are kept and merged with the inputs'. */
  destination: string;
  /** Which of two different runs stored under one version and platform to keep; default: refuse. */
  prefer?: MergePreference;
  cwd?: string;
}

export interface MergeResult {
  destination: string;
  /** Runs in the merged history. */
  runs: number;
  /** One line per thing worth saying: shards combined, duplicates, conflicts settled, incomplete shards. */
  lines: string[];
}

/** A run candidate for one place in the merged history: stored somewhere, or built from shards. */
interface Candidate {
  versionKey: string;
  platformKey: string;
  run: StoredRun;
  fingerprint: string;
  /** Where it comes from, for messages. */
  origin: string;
  entry: MergedRun;
}

/**
 * `perf-report merge`: several histories (one per CI job: the shards of a suite, the machines
 * of a matrix) into one. Shards of one version and platform become the run an unsharded suite
 * would have stored; every other run is copied as stored, so runs of other versions or
 * platforms are never lost; the same run found in several files (a history every job restored
 * from one cache) is kept once. Two different runs under one version and platform are a
 * conflict: refused unless `prefer` says which to keep, and then nothing is written, so both
 * stay where they are.
 */
export async function mergeHistories(options: MergeOptions): Promise<MergeResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const destination = resolve(cwd, options.destination);
  const inputs = options.inputs.map((input) => historyFile(resolve(cwd, input)));
  if (inputs.length === 0) throw inputError(undefined, 'nothing to merge: name the profiles.h5 files (or directories holding them)');
  const seen = new Map<string, string>();
  for (const input of inputs) {
    const real = realpathSync(input);
    if (seen.has(real)) throw inputError(input, 'is given twice');
    seen.set(real, input);
    if (real === (existsSync(destination) ? realpathSync(destination) : destination)) {
      throw inputError(destination, 'is one of the inputs; write the merge to another file (a destination that exists keeps its runs: they are merged with the inputs)');
    }
  }
  // Every input is read whole before the destination is touched: a damaged file stops the merge here.
  const fromInputs: HistoryRun[] = [];
  for (const input of inputs) fromInputs.push(...(await readHistoryRuns(input)));

  const lines: string[] = [];
  let kept = 0;
  await rebuildHistory(destination, async (existing) => {
    const plan = await planMerge([...existing, ...fromInputs], options.prefer, lines);
    kept = plan.length;
    return plan;
  });
  return { destination, runs: kept, lines };
}

/** A file as given, or the profiles.h5 in a directory. */
function historyFile(path: string): string {
  const info = existsSync(path) ? statSync(path) : undefined;
  if (!info) throw inputError(path, 'no such file or directory');
  if (!info.isDirectory()) return path;
  const file = join(path, 'profiles.h5');
  if (!existsSync(file)) throw inputError(path, 'is a directory without a profiles.h5');
  return file;
}

async function planMerge(runs: readonly HistoryRun[], prefer: MergePreference | undefined, lines: string[]): Promise<MergedRun[]> {
  const candidates: Candidate[] = [];
  const shardSets = new Map<string, HistoryRun[]>();
  for (const run of runs) {
    const shard = splitShardKey(run.platformKey);
    if (!shard) {
      candidates.push({ ...run, origin: run.file, entry: { copy: run } });
      continue;
    }
    const key = `${run.versionKey}\0${shard.baseKey}\0${shard.shard.count}`;
    shardSets.set(key, [...(shardSets.get(key) ?? []), run]);
  }

  const built: Array<{ versionKey: string; platformKey: string; run: StoredRun; origin: string }> = [];
  for (const [key, members] of shardSets) {
    const [versionKey, baseKey, countText] = key.split('\0') as [string, string, string];
    const count = Number(countText);
    const byIndex = new Map<number, HistoryRun>();
    for (const member of members) {
      const index = (splitShardKey(member.platformKey) as NonNullable<ReturnType<typeof splitShardKey>>).shard.index;
      const other = byIndex.get(index);
      byIndex.set(index, other ? settle(other, member, prefer, `shard ${index}/${count} of ${describe(member)}`, lines) : member);
    }
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
    if (missing.length > 0) {
      // Kept as shards: the missing ones may be merged in later; an incomplete suite is no run.
      for (const member of byIndex.values()) candidates.push({ ...member, origin: member.file, entry: { copy: member } });
      lines.push(`${describe(members[0] as HistoryRun)}: shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')} missing; the others are kept as shards, not merged`);
      continue;
    }
    const shards = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, member]) => member);
    built.push({ versionKey, platformKey: baseKey, run: combineShards(shards), origin: `shards 1-${count}/${count}` });
    lines.push(`${describe(shards[0] as HistoryRun)}: ${count} shards merged into one run`);
  }
  for (const stored of await asStored(built)) {
    const origin = built.find((entry) => entry.versionKey === stored.versionKey && entry.platformKey === stored.platformKey)?.origin ?? 'shards';
    const run = stored.run;
    candidates.push({ ...stored, origin, entry: { write: { versionKey: stored.versionKey, platformKey: stored.platformKey, run } } });
  }

  const places = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = `${candidate.versionKey}\0${candidate.platformKey}`;
    places.set(key, [...(places.get(key) ?? []), candidate]);
  }
  const conflicts: string[] = [];
  const chosen: Candidate[] = [];
  for (const group of places.values()) {
    const distinct: Candidate[] = [];
    for (const candidate of group) if (!distinct.some((other) => other.fingerprint === candidate.fingerprint)) distinct.push(candidate);
    if (distinct.length === 1) {
      chosen.push(distinct[0] as Candidate);
      continue;
    }
    if (!prefer) {
      conflicts.push(`${describe(distinct[0] as Candidate)} is stored ${distinct.length} times with different content (${distinct.map(origin).join('; ')})`);
      continue;
    }
    const pick = distinct.reduce((best, candidate) => (isPreferred(candidate.run.meta, best.run.meta, prefer) ? candidate : best));
    lines.push(`${describe(pick)}: ${distinct.length} different runs; kept the ${prefer} one (${origin(pick)})`);
    chosen.push(pick);
  }
  if (conflicts.length > 0) {
    const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more conflict${conflicts.length === 2 ? '' : 's'})` : '';
    throw inputError(undefined, `${conflicts[0]}${more}; pass --prefer newer or --prefer older to keep one; nothing was written`);
  }
  return chosen
    .sort((a, b) => a.versionKey.localeCompare(b.versionKey) || a.platformKey.localeCompare(b.platformKey))
    .map((candidate) => candidate.entry);
}

/** Two different runs of one shard: the preferred one, or a refusal. */
function settle(a: HistoryRun, b: HistoryRun, prefer: MergePreference | undefined, what: string, lines: string[]): HistoryRun {
  if (a.fingerprint === b.fingerprint) return a;
  if (!prefer) {
    throw inputError(undefined, `${what} is stored twice with different content (${a.file}, stored ${formatTimestamp(a.run.meta.timestamp)}; ${b.file}, stored ${formatTimestamp(b.run.meta.timestamp)}); pass --prefer newer or --prefer older to keep one; nothing was written`);
  }
  const pick = isPreferred(b.run.meta, a.run.meta, prefer) ? b : a;
  lines.push(`${what}: two different runs; kept the ${prefer} one (${pick.file})`);
  return pick;
}

function isPreferred(candidate: RunMeta, best: RunMeta, prefer: MergePreference): boolean {
  return prefer === 'newer' ? candidate.timestamp > best.timestamp : candidate.timestamp < best.timestamp;
}

function describe(run: { run: StoredRun }): string {
  return `version ${run.run.meta.version} on ${run.run.meta.platformId}`;
}

function origin(candidate: Candidate): string {
  return `${candidate.origin}, stored ${formatTimestamp(candidate.run.meta.timestamp)}`;
}

/**
 * The shards of one suite (index order) as the one run they are parts of. Its meta is the
 * first shard's without the shard, stored at the last shard's time; every shard must have run
 * the same commit, or they are not one run.
 */
function combineShards(shards: readonly HistoryRun[]): StoredRun {
  const first = shards[0] as HistoryRun;
  const commits = [...new Set(shards.map((shard) => shard.run.meta.gitCommit).filter(Boolean))];
  if (commits.length > 1) {
    throw inputError(undefined, `the shards of ${describe(first)} ran at different commits (${commits.map((commit) => commit?.slice(0, 7)).join(', ')}): they are not one run`);
  }
  const kinds = new Set(shards.map((shard) => shard.run.kind));
  if (kinds.size > 1) throw inputError(undefined, `the shards of ${describe(first)} hold both zones and functions`);
  const { shard: _shard, ...rest } = first.run.meta;
  const meta: RunMeta = {
    ...rest,
    timestamp: Math.max(...shards.map((shard) => shard.run.meta.timestamp)),
    rounds: Math.max(...shards.map((shard) => shard.run.meta.rounds ?? 1)),
    extra: { ...first.run.meta.extra, merged_shards: shards.length },
  };
  const base = { version: meta.version, platformId: meta.platformId, meta };
  if (first.run.kind === 'functions') {
    return { ...base, kind: 'functions', profiles: combineFunctionProfiles(shards.map((shard) => (shard.run as FunctionRun).profiles)) };
  }
  return { ...base, kind: 'zones', profiles: combineZoneProfiles(shards.map((shard) => (shard.run as ZoneRun).profiles)) };
}

/**
 * Profiles of the same name are one profile; a zone (name, file, line) recorded in several
 * shards is pooled (poolZoneStats); its share of the time is taken of all shards' spans.
 */
function combineZoneProfiles(parts: ReadonlyArray<readonly ProfileData[]>): ProfileData[] {
  const byName = new Map<string, ProfileData[]>();
  for (const profiles of parts) for (const profile of profiles) byName.set(profile.name, [...(byName.get(profile.name) ?? []), profile]);
  return [...byName.entries()].map(([name, profiles]) => {
    const spanNs = profiles.reduce((sum, profile) => sum + spanOfZones(profile.records), 0);
    const byZone = new Map<string, ZoneStat[]>();
    for (const profile of profiles) {
      for (const zone of profile.records) {
        const key = `${zone.name}\0${zone.srcFile}\0${zone.srcLine}`;
        byZone.set(key, [...(byZone.get(key) ?? []), zone]);
      }
    }
    const zones = [...byZone.values()].map((same) =>
      same.length === 1 ? { ...(same[0] as ZoneStat), totalPerc: spanNs > 0 ? ((same[0] as ZoneStat).totalNs / spanNs) * 100 : 0 } : poolZoneStats(same, spanNs),
    );
    return makeProfile(name, (profiles[0] as ProfileData).sourcePath, zones);
  });
}

/** CPU profiles of the same name add up: samples and seconds are sums, per function as per profile. */
function combineFunctionProfiles(parts: ReadonlyArray<readonly FunctionProfile[]>): FunctionProfile[] {
  const byName = new Map<string, FunctionProfile>();
  for (const profiles of parts) {
    for (const profile of profiles) {
      const known = byName.get(profile.name);
      if (!known) {
        byName.set(profile.name, { ...profile, functions: [...profile.functions] });
        continue;
      }
      const functions = new Map<string, FunctionStat>(known.functions.map((stat) => [`${stat.functionName}\0${stat.file}\0${stat.line}`, stat]));
      for (const stat of profile.functions) {
        const key = `${stat.functionName}\0${stat.file}\0${stat.line}`;
        const other = functions.get(key);
        functions.set(key, other ? { ...other, samples: other.samples + stat.samples, selfSeconds: other.selfSeconds + stat.selfSeconds, totalSeconds: other.totalSeconds + stat.totalSeconds } : stat);
      }
      byName.set(profile.name, {
        ...known,
        functions: [...functions.values()].sort(byInclusiveTimeDescending),
        totalSamples: known.totalSamples + profile.totalSamples,
        durationSeconds: known.durationSeconds + profile.durationSeconds,
      });
    }
  }
  return [...byName.values()];
}
