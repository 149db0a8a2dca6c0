import { basename, extname, join, resolve } from 'node:path';
import { readdir } from 'node:fs/promises';
import { statInput } from '../fs/input-path.js';
import { inputError } from '../errors.js';
import { extractAll } from '../extract/extract-all.js';
import { extractAllCpuProfiles } from '../extract/cpuprofile/extract-cpuprofile.js';
import type { ProfileData } from '../model/profile.js';
import type { RunMeta, StoredRun } from '../model/run.js';
import { compareStoredRuns } from '../compare/compare-stored-runs.js';
import type { RunComparison } from '../compare/comparison.js';
import { formatTextSummary } from '../render/text-summary.js';
import { formatShard, parseShard } from '../model/shard.js';
import { baseCommitOf, baselineRun } from './baseline-run.js';
import type { Budgets } from './budgets.js';
import { applyGate, gateOptionsOf, type GateResult } from './gate.js';
import { resolveVersion, type CheckoutAnswers } from './git-info.js';
import { writeSummaries } from './summaries.js';
import { pdfFileName, runFileName } from './output-names.js';
import { checkHistoryFile, checkLimits, checkOutputFile, checkWritable } from './preflight.js';
import { prepareReports } from './write-reports.js';
import { ProfileStorage } from '../store/profile-storage.js';
import { storedForm } from '../store/stored-form.js';
import { ensureDirectory } from '../fs/ensure-directory.js';
import { fileInside, HISTORY_FILE, reportFileInside } from '../fs/inside-directory.js';
import { validLabel, validVersion } from '../model/keys.js';
import { findProject } from './project-info.js';
import { describeRun } from './run-meta.js';

/** What the input holds: Tracy zone statistics (`.csv`/`.tracy`) or V8 CPU profiles; `auto` reads the file types. */
export type InputKind = 'auto' | 'tracy' | 'cpuprofile';

export interface GenerateOptions {
  /** A `.csv`/`.tracy` file, a `.cpuprofile`, or a directory of one kind. */
  input: string;
  /** Where `profiles.h5` and the PDF go. */
  outDir: string;
  /** Default: the version in the nearest package.json of `cwd`; `git` for `<that version>+<short sha>`. */
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
  /** Write the interactive HTML report `<name>.<version>.html` beside it (default true). */
  html?: boolean;
  /** Also write the machine-readable verdict (summary JSON) to this file. */
  summaryJson?: string;
  /** Also write the Markdown summary to this file (and append it to $GITHUB_STEP_SUMMARY when set). */
  summaryMd?: string;
  /** Compare with this stored run instead of the previous one (a version, `+<sha>`, `@latest`). */
  baseline?: string;
  /** Compare with the stored run of the nearest ancestor of this git ref's merge-base with HEAD. */
  baselineRef?: string;
  /** The run is one shard of a suite, `<index>/<count>`: stored as a partial run, not compared. */
  shard?: string;
  /** The runner's coverage provider while the run was timed, or `off`; recorded with the run. */
  coverage?: string;
  /** The branch to record instead of the checkout's (a run of another commit than HEAD's). */
  gitBranch?: string;
  /** Exit 3 (GenerateResult.gate) when a confirmed regression is over its budget. */
  failOnRegression?: boolean;
  /** A gate that checked nothing (no baseline, nothing judged) fails with exit 2. */
  requireBaseline?: boolean;
  /** Per-zone budgets for the gate (glob → percent or `ignore`); default: perf-report.config.json of the project. */
  budgets?: Budgets;
  /** Compare with a baseline at all (default true). */
  compare?: boolean;
  /** A change counts from this |Δ mean| in percent (default 5). */
  threshold?: number;
  /** …and this significance level of Welch's test (default 0.01). */
  alpha?: number;
  /** The measured project's directory (package.json, git commit). Default: process.cwd(). */
  cwd?: string;
  /** That project's checkout as already asked of git (a perf run asks while its tests run); default: asked here. */
  checkout?: CheckoutAnswers;
  /** cpuprofile only: keep only functions whose shown file matches one of these globs… */
  include?: readonly string[];
  /** …and drop those matching these (e.g. `node:*`, `** /node_modules/**`). */
  exclude?: readonly string[];
}

export interface GenerateResult {
  h5Path?: string;
  /** Absent when no PDF was asked for. */
  pdfPath?: string;
  /** Absent when no HTML report was asked for. */
  htmlPath?: string;
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
  /** The regression gate's decision, when one was asked for; its exitCode is the process's. */
  gate?: GateResult;
}

/** Extract → store → compare → render: the offline half of the pipeline. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const project = findProject(cwd);
  const requested = options.version ?? project.version;
  if (!requested) {
    throw inputError(join(project.root, 'package.json'), 'has no version; pass --version');
  }
  // Everything the user can get wrong is checked before anything is stored.
  validVersion(requested, options.version !== undefined ? '--version' : join(project.root, 'package.json'));
  checkLimits(options);
  const shard = options.shard === undefined ? undefined : formatShard(parseShard(options.shard, '--shard'));
  const gateOptions = gateOptionsOf(options, project.root);
  const { version, git } = await resolveVersion(requested, project.root, project.version, options.checkout?.facts);
  const name = validLabel(options.name ?? project.name ?? basename(project.root), options.name !== undefined ? '--name' : 'the project name');
  const outDir = resolve(cwd, options.outDir);
  const reports = reportPaths(outDir, name, version, options);
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
    ...(git.commit ? { gitCommit: git.commit, gitDirty: git.dirty === true } : {}),
    ...((options.gitBranch ?? git.branch) ? { gitBranch: options.gitBranch ?? git.branch } : {}),
    ...(shard ? { shard } : {}),
    ...(options.coverage ? { coverage: options.coverage } : {}),
    rounds: options.rounds ?? (extracted.kind === 'zones' ? highestRound(extracted.profiles) : 1),
  });

  await ensureDirectory(outDir);
  await checkWritable(outDir);
  const storage = new ProfileStorage(fileInside(outDir, HISTORY_FILE, 'the history'));
  await checkHistoryFile(storage.h5Path);
  if (options.summaryJson) await checkOutputFile(resolve(cwd, options.summaryJson), '--summary-json');
  if (options.summaryMd) await checkOutputFile(resolve(cwd, options.summaryMd), '--summary-md');
  const storeRun = options.h5 ?? true;
  // Compared and reported as the history will hold it, so that the next run matches its zones.
  const current: StoredRun = storedForm({ version, platformId: meta.platformId, meta, ...extracted });
  // A ref that names no commit, or no merge-base, is bad input: found before anything is stored.
  if (options.baselineRef && options.compare !== false && !shard) await baseCommitOf(options.baselineRef, project.root);
  // A shard is a partial run: compared once the shards are merged.
  const compare = options.compare !== false && !shard;
  const choice = {
    cwd: project.root,
    ...(git.commit && options.checkout?.ancestry ? { ancestry: { commit: git.commit, order: options.checkout.ancestry } } : {}),
    ...(options.baseline ? { version: options.baseline } : {}),
    ...(options.baselineRef ? { ref: options.baselineRef } : {}),
  };
  // The baseline is looked up before the store, so a baseline that is not there refuses the
  // command with the history untouched; only the version being stored must wait for it.
  const baselineIsThisRun = options.baseline !== undefined && options.baseline.trim() === version;
  const early = compare && !baselineIsThisRun ? await baselineRun(storage, meta, choice) : {};
  // `--baseline <this version>` compares with the run being stored: it is stored first.
  const storeFirst = storeRun && baselineIsThisRun;
  if (storeFirst) await storage.save(current);
  const found = compare && baselineIsThisRun ? await baselineRun(storage, meta, choice) : early;
  const baseline = found.run;

  const comparison = compareStoredRuns(current, baseline, options);
  const { pdfPath, htmlPath } = reports;
  // The PDF renders while the run is stored (in the renderer process a perf run starts with its
  // tests); no report is written for a run that could not be stored.
  const prepared = await prepareReports({ storage, projectName: name, current, baseline, comparison, pdfPath, htmlPath });
  if (storeRun && !storeFirst) {
    try {
      await storage.save(current);
    } catch (error) {
      prepared.abandon();
      throw error;
    }
  }
  const written = await prepared.write();

  const gate = applyGate(comparison, gateOptions, shard ? { shard } : {});
  await writeSummaries(comparison, gate, {
    ...(options.summaryJson ? { summaryJson: resolve(cwd, options.summaryJson) } : {}),
    ...(options.summaryMd ? { summaryMd: resolve(cwd, options.summaryMd) } : {}),
    projectName: name,
    ...(found.note ? { baselineNote: found.note } : {}),
  });

  const counted =
    current.kind === 'functions'
      ? { zones: 0, functions: current.profiles.reduce((sum, profile) => sum + profile.functions.length, 0) }
      : { zones: current.profiles.reduce((sum, profile) => sum + profile.records.length, 0) };
  const profileCount = current.profiles.length;
  const contents = counted.functions === undefined ? `${counted.zones} zones` : `${counted.functions} functions`;
  return {
    ...(storeRun ? { h5Path: storage.h5Path } : {}),
    ...(pdfPath ? { pdfPath } : {}),
    ...(htmlPath ? { htmlPath } : {}),
    profiles: profileCount,
    ...counted,
    summary: `${profileCount} profile${profileCount === 1 ? '' : 's'}, ${contents}, version ${version} on ${meta.platformId}${shard ? ` (shard ${shard})` : ''}`,
    comparisonText: [
      formatTextSummary(comparison, { projectName: name }),
      ...(found.note ? [`  (${found.note})`] : []),
      ...(shard ? [`  shard ${shard}: stored as a partial run; merge the shards' histories with perf-report merge to compare`] : []),
      ...(gate ? [`  ${gate.line}`] : []),
    ].join('\n'),
    comparison,
    failedProfiles: written.failures,
    meta,
    ...(gate ? { gate } : {}),
  };
}

/** Where the reports go, checked to be inside `outDir` and not the history: before anything is stored. */
function reportPaths(outDir: string, name: string, version: string, options: GenerateOptions): { pdfPath?: string; htmlPath?: string } {
  const pdfName = options.pdfName === undefined ? runFileName(name, version, 'pdf') : pdfFileName(options.pdfName, '--pdf-name');
  return {
    ...(options.pdf === false ? {} : { pdfPath: reportFileInside(outDir, pdfName, 'the PDF report') }),
    ...(options.html === false ? {} : { htmlPath: reportFileInside(outDir, runFileName(name, version, 'html'), 'the HTML report') }),
  };
}

/** The rounds a run's zones say it had: a CSV read without its rounds file had one. */
function highestRound(profiles: readonly ProfileData[]): number {
  let highest = 1;
  for (const profile of profiles) {
    for (const zone of profile.records) for (const round of zone.rounds ?? []) highest = Math.max(highest, round.round);
  }
  return highest;
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
  const info = await statInput(input);
  const names = info.isDirectory() ? await readdir(input) : [input];
  return new Set(names.map((name) => extname(name).toLowerCase()));
}
