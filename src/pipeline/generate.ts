import { basename, extname, join, resolve } from 'node:path';
import { stat, readdir } from 'node:fs/promises';
import { inputError, messageOf, workError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { summaryJson } from '../render/summary-json.js';
import { extractAll } from '../extract/extract-all.js';
import { extractAllCpuProfiles } from '../extract/cpuprofile/extract-cpuprofile.js';
import type { ProfileData } from '../model/profile.js';
import type { RunMeta, StoredRun } from '../model/run.js';
import { compareFunctionRuns } from '../compare/compare-functions.js';
import { compareRuns, type CompareOptions } from '../compare/compare-runs.js';
import type { RunComparison } from '../compare/comparison.js';
import { writePdfReport } from '../render/pdf/write-pdf-report.js';
import { formatTextSummary } from '../render/text-summary.js';
import { baselineRun } from './baseline-run.js';
import { runFileName } from './output-names.js';
import { ProfileStorage } from '../store/profile-storage.js';
import { ensureDirectory } from '../fs/ensure-directory.js';
import { findProject, gitCommit } from './project-info.js';
import { describeRun } from './run-meta.js';

/** What the input holds: Tracy zone statistics (`.csv`/`.tracy`) or V8 CPU profiles; `auto` reads the file types. */
export type InputKind = 'auto' | 'tracy' | 'cpuprofile';

export interface GenerateOptions {
  /** A `.csv`/`.tracy` file, a `.cpuprofile`, or a directory of one kind. */
  input: string;
  /** Where `profiles.h5` and the PDF go. */
  outDir: string;
  /** Default: the version in the nearest package.json of `cwd`. */
  version?: string;
  /** Project name. Default: the name in that package.json. */
  name?: string;
  /** Default `<os>-<arch>-node<major>`. */
  platform?: string;
  backend?: InputKind;
  /** What to record as the run's backend in meta (e.g. 'embedded'); default: the extractor's. */
  recordedBackend?: string;
  /** Rounds the run pooled; default: the highest round number its zones carry, or 1. */
  rounds?: number;
  /** Store the run in `<outDir>/profiles.h5` (default true). Without it the history is only read. */
  h5?: boolean;
  /** File name of the PDF in `outDir` (default `<name>.<version>.pdf`). */
  pdfName?: string;
  /** Write the PDF report (default true). */
  pdf?: boolean;
  /** Also write the machine-readable verdict (summary JSON) to this file. */
  summaryJson?: string;
  /** Compare with this stored version instead of the previous one. */
  baseline?: string;
  /** Compare with a baseline at all (default true). */
  compare?: boolean;
  /** A change counts from this |Δ mean| in percent (default 5). */
  threshold?: number;
  /** …and this significance level of Welch's test (default 0.01). */
  alpha?: number;
  /** The measured project's directory (package.json, git commit). Default: process.cwd(). */
  cwd?: string;
  /** cpuprofile only: keep only functions whose shown file matches one of these globs… */
  include?: readonly string[];
  /** …and drop those matching these (e.g. `node:*`, `** /node_modules/**`). */
  exclude?: readonly string[];
}

export interface GenerateResult {
  h5Path?: string;
  /** Absent when no PDF was asked for. */
  pdfPath?: string;
  profiles: number;
  /** Zones stored (0 for a cpuprofile run, which stores functions). */
  zones: number;
  /** Functions stored, for a cpuprofile run. */
  functions?: number;
  /** One line: what was stored. */
  summary: string;
  /** A few lines for the terminal: the comparison's counts and worst regressions. */
  comparisonText: string;
  /** Zones compared (`kind: 'zones'`) or, for a cpuprofile run, functions (`kind: 'functions'`). */
  comparison: RunComparison;
  /** Profiles the PDF shows as a note instead, with why. */
  failedProfiles: Array<{ profile: string; reason: string }>;
  meta: RunMeta;
}

/** Extract → store → compare → render: the offline half of the pipeline. */
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

  const extracted =
    backend === 'cpuprofile'
      ? {
          kind: 'functions' as const,
          // Shown paths are relative to the measured project, so that they match between versions.
          profiles: await extractAllCpuProfiles(input, {
            projectRoot: project.root,
            version,
            ...(options.include ? { include: options.include } : {}),
            ...(options.exclude ? { exclude: options.exclude } : {}),
          }),
        }
      : { kind: 'zones' as const, profiles: await extractAll(input, { version }) };
  const meta = describeRun({
    version,
    packageName: name,
    // The storage key of a cpuprofile run depends on its recorded backend: never relabel it.
    backend: backend === 'cpuprofile' ? backend : (options.recordedBackend ?? backend),
    ...(options.platform ? { platformId: options.platform } : {}),
    ...(await gitCommitField(project.root)),
    rounds: options.rounds ?? (extracted.kind === 'zones' ? highestRound(extracted.profiles) : 1),
  });

  const outDir = resolve(cwd, options.outDir);
  await ensureDirectory(outDir);
  const storage = new ProfileStorage(join(outDir, 'profiles.h5'));
  const storeRun = options.h5 ?? true;
  const current: StoredRun = { version, platformId: meta.platformId, meta, ...extracted };
  if (storeRun) await storage.save(current);

  const baseline = options.compare === false ? undefined : await baselineRun(storage, meta, options.baseline);
  const limits: CompareOptions = {
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
  };
  const comparison =
    current.kind === 'functions'
      ? compareFunctionRuns(current, baseline?.kind === 'functions' ? baseline : undefined, limits)
      : compareRuns(current, baseline?.kind === 'zones' ? baseline : undefined, limits);
  const pdfPath = options.pdf === false ? undefined : join(outDir, options.pdfName ?? runFileName(name, version, 'pdf'));
  const written = pdfPath
    ? await writePdfReport({ projectName: name, current, ...(baseline ? { baseline } : {}), comparison, outFile: pdfPath })
    : { failures: [] };

  if (options.summaryJson) await writeSummaryJson(resolve(cwd, options.summaryJson), comparison);

  const counted =
    current.kind === 'functions'
      ? { zones: 0, functions: current.profiles.reduce((sum, profile) => sum + profile.functions.length, 0) }
      : { zones: current.profiles.reduce((sum, profile) => sum + profile.records.length, 0) };
  const profileCount = current.profiles.length;
  const contents = counted.functions === undefined ? `${counted.zones} zones` : `${counted.functions} functions`;
  return {
    ...(storeRun ? { h5Path: storage.h5Path } : {}),
    ...(pdfPath ? { pdfPath } : {}),
    profiles: profileCount,
    ...counted,
    summary: `${profileCount} profile${profileCount === 1 ? '' : 's'}, ${contents}, version ${version} on ${meta.platformId}`,
    comparisonText: formatTextSummary(comparison, { projectName: name }),
    comparison,
    failedProfiles: written.failures,
    meta,
  };
}

async function writeSummaryJson(path: string, comparison: RunComparison): Promise<void> {
  try {
    await writeFileAtomic(path, `${JSON.stringify(summaryJson(comparison), null, 2)}\n`);
  } catch (error) {
    throw workError(path, `cannot write the summary: ${messageOf(error)}`, error);
  }
}

/** The rounds a run's zones say it had: a CSV read without its rounds file had one. */
function highestRound(profiles: readonly ProfileData[]): number {
  let highest = 1;
  for (const profile of profiles) {
    for (const zone of profile.records) for (const round of zone.rounds ?? []) highest = Math.max(highest, round.round);
  }
  return highest;
}

async function gitCommitField(root: string): Promise<{ gitCommit?: string }> {
  const commit = await gitCommit(root);
  return commit ? { gitCommit: commit } : {};
}

/** `auto` reads the input's file types; a directory holding both kinds must be told which. */
async function resolveBackend(choice: InputKind, input: string): Promise<'tracy' | 'cpuprofile'> {
  const kinds = await inputKinds(input);
  return choice === 'auto' ? autoBackend(kinds, input) : choice;
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
