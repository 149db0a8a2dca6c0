import { basename, isAbsolute, join, resolve } from 'node:path';
import { USER_ENV } from '../environment.js';
import { inputError } from '../errors.js';
import { validLabel, validVersion } from '../model/keys.js';
import { formatShard, parseShard, type Shard } from '../model/shard.js';
import { pdfFileName } from '../pipeline/output-names.js';
import { parseBudgets, readConfigBudgets, type Budgets } from '../pipeline/budgets.js';
import { findProject } from '../pipeline/project-info.js';
import { requestedBackend, type PerfBackend } from './backend-choice.js';
import { samplingInterval } from './cpuprofile-recording.js';
import { nonEmptyText, positiveInteger, settingFrom, wholeNumberAtLeast } from './settings.js';
import type { ResolvedPerfOptions } from './resolved-options.js';
import { tracyConnection } from './tracy-recording.js';

export type { ResolvedPerfOptions } from './resolved-options.js';

export type { PerfBackend } from './backend-choice.js';

/** Options of the plugin and of the reporters (`['perf-report', { … }]`, `['perf-report/jest', { … }]`). */
export interface PerfOptions {
  /** Output directory for the CSV, profiles.h5 and the PDF; relative to the project root. Default `perf`. */
  output?: string;
  /** Turn perf mode on without a command-line switch. */
  enabled?: boolean;
  /** Project name for file names and history (default: the tested project's package.json). */
  name?: string;
  /** Version to record (default: the tested project's package.json). Overridden by PERF_VERSION. */
  version?: string;
  /** Run every test this many times in perf mode (more calls per zone in one worker). Default 1. */
  repeat?: number;
  /**
   * Run the whole suite this many times, each round in fresh workers, so every zone has
   * independent run-level samples to compare (a verdict needs at least a few). Default 1.
   * Overridden by PERF_ROUNDS.
   */
  rounds?: number;
  /** Make a failure of perf-report itself fail the run (exit code 1). Default false. */
  strict?: boolean;
  /** Store the run in profiles.h5 (default true). */
  h5?: boolean;
  pdfName?: string;
  /** Write the interactive HTML report `<name>.<version>.html` beside the PDF (default true). */
  html?: boolean;
  /** Also write the machine-readable verdict to this file (relative to the project root). Overridden by PERF_SUMMARY_JSON. */
  summaryJson?: string;
  /** Also write a Markdown summary to this file (relative to the project root), appended to $GITHUB_STEP_SUMMARY when set. Overridden by PERF_SUMMARY_MD. */
  summaryMd?: string;
  /**
   * The regression gate: the run exits 3 when a confirmed regression is over its budget, unless
   * the tests failed (their exit code wins). A failure of perf-report itself then fails the run
   * too (exit 1), so the gate can never pass because it did not run. Overridden by PERF_FAIL_ON_REGRESSION.
   */
  failOnRegression?: boolean;
  /** A gate that checked nothing (no baseline, no zone could be judged) exits 2. Overridden by PERF_REQUIRE_BASELINE. */
  requireBaseline?: boolean;
  /** Per-zone budgets of the gate: glob over zone names or files → percent, or "ignore" (default: perf-report.config.json). */
  budgets?: Budgets;
  /** Compare with the stored run of the nearest ancestor of this git ref's merge-base with HEAD. Overridden by PERF_BASELINE_REF. */
  baselineRef?: string;
  /**
   * Where the zones go: `auto` (default) streams them live into Tracy's tracy-capture when it
   * and tracy-csvexport are installed, else uses the embedded collector; `tracy` insists on
   * Tracy; `embedded` never starts it. `cpuprofile` records no zones: every worker runs V8's
   * sampling profiler per test file and writes `<output>/cpuprofile/*.cpuprofile`, which are
   * stored as function statistics. Overridden by PERF_BACKEND.
   */
  backend?: PerfBackend;
  /** cpuprofile backend: V8's sampling interval in µs (default 100). Overridden by PERF_SAMPLING_INTERVAL_US. */
  samplingIntervalUs?: number;
  /** Path of tracy-capture (default: TRACY_CAPTURE, then PATH). */
  tracyCapture?: string;
  /** Path of tracy-csvexport (default: TRACY_CSVEXPORT, then PATH). */
  tracyCsvexport?: string;
  /** Port our Tracy client listens on for tracy-capture (default: TRACY_PORT, else 8086 or the next free one). */
  tracyPort?: number;
  /** How long tracy-capture may take to connect before the run falls back to the embedded collector. Default 10 s. */
  captureConnectTimeoutMs?: number;
  /** How long tracy-capture may take to save and exit after the run. Default 60 s. */
  captureExitTimeoutMs?: number;
}

/** The keys of PerfOptions: reporter options arrive mixed with the runner's own keys. */
export const PERF_OPTION_KEYS = [
  'output', 'enabled', 'name', 'version', 'repeat', 'rounds', 'strict', 'h5', 'pdfName', 'html', 'summaryJson',
  'summaryMd', 'failOnRegression', 'requireBaseline', 'budgets', 'baselineRef',
  'backend', 'samplingIntervalUs', 'tracyCapture', 'tracyCsvexport', 'tracyPort', 'captureConnectTimeoutMs', 'captureExitTimeoutMs',
] as const satisfies ReadonlyArray<keyof PerfOptions>;

/** More rounds than anyone waits for is a typo (a run of 1,000 rounds would take hours). */
const MAX_ROUNDS = 200;

/** Marks perf-report's Vitest reporter instances, whichever copy of the module made them. */
export const PERF_REPORTER = Symbol.for('perf-report.reporter');

/** What the runner tells us about the run besides the options. */
export interface RunFacts {
  root: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Vitest's `outputFile` config (`--outputFile.perf-report=DIR`). */
  outputFile?: unknown;
  /** The runner's own shard (`--shard=2/4`), when it runs one. */
  shard?: Shard;
  /** The runner's code coverage: its provider when on, `off` when not (recorded with the run). */
  coverage?: string;
}

/**
 * Every option checked and defaulted in one pass, before the first test; a bad value is one
 * error naming the option (or the variable) and what it should be.
 */
export function resolvePerfOptions(options: PerfOptions, facts: RunFacts): ResolvedPerfOptions {
  const { env } = facts;
  const project = findProject(facts.root);
  const version = runVersion(options, env, project);
  const name = validLabel(nonEmptyText(options.name, 'the name option') ?? project.name ?? basename(project.root), options.name !== undefined ? 'the name option' : 'the project name');
  return {
    root: facts.root,
    outDir: outputDirectory(options, facts),
    name,
    version,
    backend: requestedBackend(options, env, valueAfter(facts.argv, '--perf-backend')),
    repeat: positiveInteger(options.repeat, 'the repeat option') ?? 1,
    rounds: settingFrom(env, USER_ENV.rounds, options.rounds, 'the rounds option', (value, where) => wholeNumberAtLeast(value, where, 1, MAX_ROUNDS)) ?? 1,
    strict: options.strict === true,
    h5: options.h5 !== false,
    ...(options.pdfName !== undefined ? { pdfName: pdfFileName(String(options.pdfName), 'the pdfName option') } : {}),
    html: options.html !== false,
    ...summaryJsonPath(options, facts),
    ...ciOptions(options, facts, project.root),
    ...(facts.coverage ? { coverage: facts.coverage } : {}),
    samplingIntervalUs: samplingInterval(options, env),
    tracy: {
      ...tracyConnection(options, env),
      ...(options.tracyCapture ? { capture: options.tracyCapture } : {}),
      ...(options.tracyCsvexport ? { csvexport: options.tracyCsvexport } : {}),
    },
  };
}

export interface PerfSwitchSources {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Vite's mode (`vitest --mode perf`). */
  mode: string | undefined;
  enabled: boolean | undefined;
}

/**
 * Whether a run is a perf run. Vitest rejects unknown flags before loading any plugin
 * (`CACError: Unknown option --perf`), so `--perf` only reaches us after `--`, where Vitest
 * passes it through untouched.
 */
export function isPerfRun({ argv, env, mode, enabled }: PerfSwitchSources): boolean {
  if (enabled !== undefined) return enabled;
  return mode === 'perf' || isTruthy(env[USER_ENV.mode]) || argv.includes('--perf');
}

/**
 * The version to store the run under, from PERF_VERSION, the option or package.json, refused
 * (naming where it came from) when it could not be a file name or would differ from a stored
 * version only by white space.
 */
function runVersion(options: PerfOptions, env: NodeJS.ProcessEnv, project: { root: string; version?: string }): string {
  const fromEnv = env[USER_ENV.version];
  if (fromEnv !== undefined && fromEnv !== '') return validVersion(fromEnv, USER_ENV.version);
  if (options.version !== undefined) return validVersion(String(nonEmptyText(options.version, 'the version option')), 'the version option');
  if (!project.version) {
    throw inputError(join(project.root, 'package.json'), 'has no "version" (a workspace root?); pass --perf-version V (perf-report vitest|jest), set the perf-report `version` option or PERF_VERSION');
  }
  return validVersion(project.version, join(project.root, 'package.json'));
}

/** PERF_SUMMARY_JSON (relative to the working directory) or the option (relative to the project root). */
function summaryJsonPath(options: PerfOptions, facts: RunFacts): { summaryJson?: string } {
  const fromEnv = facts.env[USER_ENV.summaryJson];
  if (fromEnv) return { summaryJson: resolve(facts.cwd, fromEnv) };
  const fromOption = nonEmptyText(options.summaryJson, 'the summaryJson option');
  return fromOption ? { summaryJson: resolve(facts.root, fromOption) } : {};
}

/**
 * The gate, the Markdown summary, the git baseline and the shard. The budgets are checked now,
 * before any test runs: a budgets file with a typo would otherwise fail the run at its end.
 */
function ciOptions(options: PerfOptions, facts: RunFacts, projectRoot: string): Partial<ResolvedPerfOptions> {
  const { env } = facts;
  const failOnRegression = settingFrom(env, USER_ENV.failOnRegression, options.failOnRegression, 'the failOnRegression option', yesNo);
  const requireBaseline = settingFrom(env, USER_ENV.requireBaseline, options.requireBaseline, 'the requireBaseline option', yesNo);
  if (failOnRegression || requireBaseline) {
    if (options.budgets === undefined) readConfigBudgets(projectRoot);
    else parseBudgets(options.budgets, 'the budgets option');
  }
  const summaryMdFromEnv = env[USER_ENV.summaryMd];
  const summaryMdOption = nonEmptyText(options.summaryMd, 'the summaryMd option');
  const summaryMd = summaryMdFromEnv ? resolve(facts.cwd, summaryMdFromEnv) : summaryMdOption ? resolve(facts.root, summaryMdOption) : undefined;
  const baselineRef = settingFrom(env, USER_ENV.baselineRef, options.baselineRef, 'the baselineRef option', nonEmptyText);
  const shardText = env[USER_ENV.shard];
  const shard = shardText ? formatShard(parseShard(shardText, USER_ENV.shard)) : facts.shard ? formatShard(facts.shard) : undefined;
  return {
    ...(failOnRegression ? { failOnRegression } : {}),
    ...(requireBaseline ? { requireBaseline } : {}),
    ...(options.budgets === undefined ? {} : { budgets: options.budgets }),
    ...(summaryMd ? { summaryMd } : {}),
    ...(baselineRef ? { baselineRef } : {}),
    ...(shard ? { shard } : {}),
  };
}

/** `true`/`1` or `false`/`0` from a variable, a boolean from an option. */
function yesNo(value: unknown, where: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw inputError(undefined, `${where} is ${JSON.stringify(value)}; expected true or false (1 or 0)`);
}

/**
 * The output directory, absolute. Command-line choices (`-- --perf-output DIR`, then
 * PERF_OUTPUT, then `--outputFile.perf-report=DIR`) are relative to the working directory;
 * the configured `output` is relative to the project root.
 */
function outputDirectory(options: PerfOptions, facts: RunFacts): string {
  const fromArgv = valueAfter(facts.argv, '--perf-output');
  const fromEnv = facts.env[USER_ENV.output] || undefined;
  const outputFile = facts.outputFile;
  const fromOutputFile =
    typeof outputFile === 'object' && outputFile !== null ? (outputFile as Record<string, unknown>)['perf-report'] : undefined;
  const commandLine = fromArgv ?? fromEnv ?? (typeof fromOutputFile === 'string' ? fromOutputFile : undefined);
  if (commandLine) return isAbsolute(commandLine) ? commandLine : resolve(facts.cwd, commandLine);
  return resolve(facts.root, nonEmptyText(options.output, 'the output option') ?? 'perf');
}

function isTruthy(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

function valueAfter(args: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === flag) return args[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}
