import { isAbsolute, resolve } from 'node:path';

/** Options of the plugin and of the reporter (`['perf-report', { … }]`). */
export interface PerfOptions {
  /** Output directory for the CSV, profiles.h5 and the PDF; relative to the project root. Default `perf`. */
  output?: string;
  /** Turn perf mode on without a command-line switch (plugin only). */
  enabled?: boolean;
  /** Project name for file names and history (default: the tested project's package.json). */
  name?: string;
  /** Version to record (default: the tested project's package.json). */
  version?: string;
  /** Run every test this many times in perf mode (more samples per zone). Default 1. */
  repeat?: number;
  /** Make a failure of perf-report itself fail the run (exit code 1). Default false. */
  strict?: boolean;
  /** Store the run in profiles.h5 (default true). */
  h5?: boolean;
  pdfName?: string;
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
  /** Port our Tracy client listens on for tracy-capture (default: any free loopback port). */
  tracyPort?: number;
  /** How long tracy-capture may take to connect before the run falls back to the embedded collector. Default 10 s. */
  captureConnectTimeoutMs?: number;
  /** How long tracy-capture may take to save and exit after the run. Default 60 s. */
  captureExitTimeoutMs?: number;
}

export type PerfBackend = 'auto' | 'tracy' | 'embedded' | 'cpuprofile';

/** The keys of PerfOptions: reporter options arrive mixed with Vitest's own keys. */
export const PERF_OPTION_KEYS = [
  'output', 'enabled', 'name', 'version', 'repeat', 'strict', 'h5', 'pdfName',
  'backend', 'samplingIntervalUs', 'tracyCapture', 'tracyCsvexport', 'tracyPort', 'captureConnectTimeoutMs', 'captureExitTimeoutMs',
] as const satisfies ReadonlyArray<keyof PerfOptions>;

/** Marks perf-report's Vitest reporter instances, whichever copy of the module made them. */
export const PERF_REPORTER = Symbol.for('perf-report.reporter');

/** Environment a perf run passes to itself and to its workers. */
export const PERF_MODE_ENV = 'PERF_MODE';
/** Output directory chosen on a command line (`perf-report vitest --perf-output DIR`). */
export const PERF_OUTPUT_ENV = 'PERF_REPORT_OUTPUT';
/** How many times the custom runner repeats each test. */
export const PERF_REPEAT_ENV = 'PERF_REPORT_REPEAT';
/** `auto`, `tracy`, `embedded` or `cpuprofile`: the backend option, from the environment (wins over the option). */
export const PERF_BACKEND_ENV = 'PERF_BACKEND';

export interface PerfSwitchSources {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Vite's mode (`vitest --mode perf`). */
  mode: string | undefined;
  enabled: boolean | undefined;
}

/**
 * Whether a Vitest run is a perf run. Vitest rejects unknown flags before loading any plugin
 * (dependency-facts §1a), so `--perf` only reaches us after `--`, where Vitest ignores it.
 */
export function isPerfRun({ argv, env, mode, enabled }: PerfSwitchSources): boolean {
  if (enabled !== undefined) return enabled;
  return mode === 'perf' || isTruthy(env[PERF_MODE_ENV]) || argv.includes('--perf');
}

/**
 * The output directory chosen for this run, absolute. Command-line choices (`-- --perf-output
 * DIR`, then the CLI's environment variable, then `--outputFile.perf-report=DIR`) are relative to
 * the working directory; the configured `output` is relative to the project root.
 */
export function outputDirectory(sources: {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  outputFile: unknown;
  configured: string | undefined;
  root: string;
  cwd: string;
}): string {
  const fromArgv = valueAfter(sources.argv, '--perf-output');
  const fromEnv = sources.env[PERF_OUTPUT_ENV] || undefined;
  const fromOutputFile =
    typeof sources.outputFile === 'object' && sources.outputFile !== null
      ? (sources.outputFile as Record<string, unknown>)['perf-report']
      : undefined;
  const commandLine = fromArgv ?? fromEnv ?? (typeof fromOutputFile === 'string' ? fromOutputFile : undefined);
  if (commandLine) return isAbsolute(commandLine) ? commandLine : resolve(sources.cwd, commandLine);
  return resolve(sources.root, sources.configured ?? 'perf');
}

export function repeatCount(value: unknown): number {
  const count = Number(value);
  return Number.isInteger(count) && count > 1 ? count : 1;
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
