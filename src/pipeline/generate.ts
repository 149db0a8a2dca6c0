import { basename, extname, join, resolve } from 'node:path';
import { stat, readdir } from 'node:fs/promises';
import { inputError } from '../errors.js';
import { extractAll } from '../extract/extract-all.js';
import type { ProfileData } from '../model/profile.js';
import type { RunMeta } from '../model/run.js';
import { ProfileStorage } from '../store/profile-storage.js';
import { findProject, gitCommit } from './project-info.js';
import { describeRun } from './run-meta.js';

export type BackendChoice = 'auto' | 'tracy' | 'cpuprofile';

export interface GenerateOptions {
  /** A `.csv`/`.tracy` file or a directory of them. */
  input: string;
  /** Where `profiles.h5` and the PDF go. */
  outDir: string;
  /** Default: the version in the nearest package.json of `cwd`. */
  version?: string;
  /** Project name. Default: the name in that package.json. */
  name?: string;
  /** Default `<os>-<arch>-node<major>`. */
  platform?: string;
  backend?: BackendChoice;
  /** What to record as the run's backend in meta (e.g. 'embedded'); default: the extractor's. */
  recordedBackend?: string;
  /** Store the run in `<outDir>/profiles.h5` (default true). Without it the history is only read. */
  h5?: boolean;
  pdfName?: string;
  /** The measured project's directory (package.json, git commit). Default: process.cwd(). */
  cwd?: string;
}

export interface GenerateResult {
  h5Path?: string;
  pdfPath?: string;
  profiles: number;
  zones: number;
  summary: string;
  meta: RunMeta;
}

/** Extract → store → (compare → render): the offline half of the pipeline. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const project = findProject(cwd);
  const version = options.version ?? project.version;
  if (!version) {
    throw inputError(join(project.root, 'package.json'), 'has no version; pass --version');
  }
  const name = options.name ?? project.name ?? basename(project.root);
  const input = resolve(cwd, options.input);
  const backend = await resolveBackend(options.backend ?? 'auto', input);

  const profiles = await extractAll(input, { version });
  const meta = describeRun({
    version,
    packageName: name,
    backend: options.recordedBackend ?? backend,
    ...(options.platform ? { platformId: options.platform } : {}),
    ...(await gitCommitField(project.root)),
  });

  const outDir = resolve(cwd, options.outDir);
  const h5Path = join(outDir, 'profiles.h5');
  const storeRun = options.h5 ?? true;
  if (storeRun) await new ProfileStorage(h5Path).save({ meta, profiles });

  return {
    ...(storeRun ? { h5Path } : {}),
    profiles: profiles.length,
    zones: countZones(profiles),
    summary: `${profiles.length} profile${profiles.length === 1 ? '' : 's'}, ${countZones(profiles)} zones, version ${version} on ${meta.platformId}`,
    meta,
  };
}

async function gitCommitField(root: string): Promise<{ gitCommit?: string }> {
  const commit = await gitCommit(root);
  return commit ? { gitCommit: commit } : {};
}

function countZones(profiles: readonly ProfileData[]): number {
  return profiles.reduce((sum, profile) => sum + profile.records.length, 0);
}

/** `auto` reads the input's file types; a directory holding both kinds must be told which. */
async function resolveBackend(choice: BackendChoice, input: string): Promise<'tracy' | 'cpuprofile'> {
  const kinds = await inputKinds(input);
  const backend = choice === 'auto' ? autoBackend(kinds, input) : choice;
  if (backend === 'cpuprofile') {
    throw inputError(input, 'the cpuprofile backend is not available in this version of perf-report; use Tracy CSV or .tracy input');
  }
  return backend;
}

function autoBackend(kinds: Set<string>, input: string): 'tracy' | 'cpuprofile' {
  const tracy = kinds.has('.csv') || kinds.has('.tracy');
  const cpuprofile = kinds.has('.cpuprofile');
  if (tracy && cpuprofile) {
    throw inputError(input, 'holds both Tracy (.csv/.tracy) and .cpuprofile files; pass --backend tracy or --backend cpuprofile');
  }
  return cpuprofile ? 'cpuprofile' : 'tracy';
}

async function inputKinds(input: string): Promise<Set<string>> {
  const info = await stat(input).catch(() => undefined);
  if (!info) throw inputError(input, 'no such file or directory');
  const names = info.isDirectory() ? await readdir(input) : [input];
  return new Set(names.map((name) => extname(name).toLowerCase()));
}
