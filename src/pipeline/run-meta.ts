import { arch, cpus, hostname, platform, release } from 'node:os';
import type { RunMeta } from '../model/run.js';

/**
 * `<os>-<arch>-node<major>`: a Node patch upgrade keeps the history on one platform,
 * a major upgrade (a new V8) starts another.
 */
export function defaultPlatformId(): string {
  return `${platform()}-${arch()}-node${process.versions.node.split('.')[0]}`;
}

/** The facts about this machine and run that go into `/<version>/<platform>/meta`. */
export function describeRun(options: {
  version: string;
  packageName: string;
  backend: string;
  platformId?: string;
  machineId?: string;
  gitCommit?: string;
  gitBranch?: string;
  gitDirty?: boolean;
  /** `<index>/<count>` for a shard's partial run. */
  shard?: string;
  /** The runner's coverage provider while the run was timed, or `off`. */
  coverage?: string;
  timestamp?: number;
  rounds?: number;
}): RunMeta {
  return {
    machineId: options.machineId ?? hostname(),
    platformId: options.platformId ?? defaultPlatformId(),
    version: options.version,
    timestamp: options.timestamp ?? Date.now() / 1000,
    system: platform(),
    arch: arch(),
    host: hostname(),
    release: release(),
    processor: cpus()[0]?.model.trim() ?? '',
    nodeVersion: process.version,
    backend: options.backend,
    packageName: options.packageName,
    ...(options.gitCommit ? { gitCommit: options.gitCommit } : {}),
    ...(options.gitBranch ? { gitBranch: options.gitBranch } : {}),
    ...(options.gitDirty === undefined ? {} : { gitDirty: options.gitDirty }),
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.coverage ? { coverage: options.coverage } : {}),
    ...(options.rounds ? { rounds: options.rounds } : {}),
    extra: {},
  };
}
