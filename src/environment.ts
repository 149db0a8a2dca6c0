/**
 * Every environment variable perf-report reads or sets, in one place. Two families:
 * - `PERF_*` (and Tracy's own `TRACY_*`) are the user's switches, read once in the main
 *   process when a run's options are resolved; the README documents them.
 * - `PERF_REPORT_*` is the contract between a run's main process and its test workers (and
 *   the round processes of a multi-round run). Users never set these: the main process writes
 *   every one of them, empty when unused, so that a variable left over from an earlier run in
 *   the same process (a cpuprofile run's directory, a zone run's socket) can never leak into
 *   the next one.
 */

/** The user's switches. */
export const USER_ENV = {
  /** `true` or `1`: this run is a perf run (also passed to the workers, for the user's own code). */
  mode: 'PERF_MODE',
  /** `auto`, `tracy`, `embedded` or `cpuprofile`; wins over the `backend` option. */
  backend: 'PERF_BACKEND',
  /** Output directory, relative to the working directory; set by `perf-report vitest|jest --perf-output`. */
  output: 'PERF_OUTPUT',
  /** Rounds of the whole suite in fresh workers; wins over the `rounds` option. */
  rounds: 'PERF_ROUNDS',
  /** The version to store the run under (`git` for `<package version>+<short sha>`); wins over the `version` option. */
  version: 'PERF_VERSION',
  /** A file for the machine-readable verdict (relative to the working directory); wins over `summaryJson`. */
  summaryJson: 'PERF_SUMMARY_JSON',
  /** A file for the Markdown summary (relative to the working directory; also appended to GITHUB_STEP_SUMMARY); wins over `summaryMd`. */
  summaryMd: 'PERF_SUMMARY_MD',
  /** `true`/`1`: exit 3 when a confirmed regression is over its budget; wins over `failOnRegression`. */
  failOnRegression: 'PERF_FAIL_ON_REGRESSION',
  /** `true`/`1`: a gate that checked nothing (no baseline, nothing judged) exits 2; wins over `requireBaseline`. */
  requireBaseline: 'PERF_REQUIRE_BASELINE',
  /** A git ref: the baseline is the stored run of the nearest ancestor of its merge-base with HEAD; wins over `baselineRef`. */
  baselineRef: 'PERF_BASELINE_REF',
  /** `<index>/<count>`: this run is that shard of the suite (for runners whose --shard we do not see); wins over the runner's. */
  shard: 'PERF_SHARD',
  /** cpuprofile backend: V8's sampling interval in µs; wins over `samplingIntervalUs`. */
  samplingIntervalUs: 'PERF_SAMPLING_INTERVAL_US',
  /** Port our Tracy client listens on (Tracy's own variable); wins over `tracyPort`. */
  tracyPort: 'TRACY_PORT',
  tracyCapture: 'TRACY_CAPTURE',
  tracyCsvexport: 'TRACY_CSVEXPORT',
} as const;

/** The main process → worker contract. */
export const WORKER_ENV = {
  /** The collector's socket; its presence is what turns zones on in a worker. */
  socket: 'PERF_REPORT_SOCKET',
  /** Absolute directory for `.cpuprofile` files; its presence turns the file profiler on. */
  cpuprofileDir: 'PERF_REPORT_CPUPROFILE_DIR',
  /** The run's root: profile names are test-file paths relative to it, the same in every worker. */
  cpuprofileRoot: 'PERF_REPORT_CPUPROFILE_ROOT',
  /** V8's sampling interval in µs, already validated. */
  samplingIntervalUs: 'PERF_REPORT_SAMPLING_INTERVAL_US',
  /** How many times the perf runner runs each test. */
  repeat: 'PERF_REPORT_REPEAT',
} as const;

/**
 * The `perf-report jest` → Jest contract: the test environment each project's config names,
 * when it is not Jest's node environment, as JSON `{ "<Jest project id>": "<module path>" }`.
 * The CLI puts perf-report's environment on Jest's command line, which builds these instead.
 */
export const RUNNER_ENV = {
  jestEnvironments: 'PERF_REPORT_JEST_ENVIRONMENTS',
} as const;

/** The projects' own Jest environments the CLI passed, by project id; none when unset or unreadable. */
export function readRunnerEnvironments(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const text = env[RUNNER_ENV.jestEnvironments];
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

/**
 * The orchestrator → round contract of a multi-round run: a round is the same runner command
 * again, told which round it is and where to leave its statistics instead of storing them.
 */
export const ROUND_ENV = {
  /** 1-based round number. */
  round: 'PERF_REPORT_ROUND',
  /** Directory the round writes `round-<n>.json` into. */
  directory: 'PERF_REPORT_ROUND_DIR',
} as const;

export interface RoundAssignment {
  round: number;
  directory: string;
}

/** This process's round, when it is one round of a run orchestrated elsewhere. */
export function readRoundAssignment(env: NodeJS.ProcessEnv = process.env): RoundAssignment | undefined {
  const round = Number(env[ROUND_ENV.round]);
  const directory = env[ROUND_ENV.directory];
  return directory && Number.isInteger(round) && round >= 1 ? { round, directory } : undefined;
}

/** What a worker is asked to record. */
export interface WorkerSettings {
  /** Record zones into the collector at this socket. */
  socket?: string;
  /** Record V8 CPU profiles instead. */
  cpuprofile?: { directory: string; root: string; intervalUs: number };
  /** Runs of each test (1: as written). */
  repeat: number;
}

/** The complete worker environment for `settings`: every contract variable, empty when unused. */
export function workerEnvironment(settings: WorkerSettings): Record<string, string> {
  return {
    [USER_ENV.mode]: 'true',
    [WORKER_ENV.socket]: settings.socket ?? '',
    [WORKER_ENV.cpuprofileDir]: settings.cpuprofile?.directory ?? '',
    [WORKER_ENV.cpuprofileRoot]: settings.cpuprofile?.root ?? '',
    [WORKER_ENV.samplingIntervalUs]: settings.cpuprofile ? String(settings.cpuprofile.intervalUs) : '',
    [WORKER_ENV.repeat]: settings.repeat > 1 ? String(settings.repeat) : '',
  };
}

/** The worker's side: what this process's environment asks it to record. */
export function readWorkerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const socket = env[WORKER_ENV.socket] || undefined;
  const directory = env[WORKER_ENV.cpuprofileDir] || undefined;
  const interval = Number(env[WORKER_ENV.samplingIntervalUs]);
  const repeat = Number(env[WORKER_ENV.repeat]);
  return {
    ...(socket ? { socket } : {}),
    ...(directory
      ? {
          cpuprofile: {
            directory,
            root: env[WORKER_ENV.cpuprofileRoot] || process.cwd(),
            intervalUs: Number.isInteger(interval) && interval > 0 ? interval : DEFAULT_SAMPLING_INTERVAL_US,
          },
        }
      : {}),
    repeat: Number.isInteger(repeat) && repeat > 1 ? repeat : 1,
  };
}

/** 10 kHz: V8's own default (1 ms) gives too few samples for a test file that runs in tens of ms. */
export const DEFAULT_SAMPLING_INTERVAL_US = 100;
