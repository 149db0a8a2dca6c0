import { PerfReportError } from '../errors.js';
import { tracyToolsProblem } from '../tools/tracy-tool-check.js';
import { findTracyTool } from '../tools/tracy-tools.js';
import { PERF_BACKEND_ENV, type PerfBackend, type PerfOptions } from './perf-options.js';

export interface TracyTools {
  capture: string;
  csvexport: string;
}

/** What a perf run records with, decided once before the first test. */
export type BackendChoice =
  | { backend: 'tracy'; tools: TracyTools }
  /** `notice` says why Tracy is not used when the user left the choice to us. */
  | { backend: 'embedded'; notice?: string }
  /** No zones: V8 CPU profiles per test file. Only when asked for; `auto` never picks it. */
  | { backend: 'cpuprofile' };

/** The choices that record zones (PerfRun's). */
export type ZoneBackendChoice = Exclude<BackendChoice, { backend: 'cpuprofile' }>;

const BACKENDS: readonly PerfBackend[] = ['auto', 'tracy', 'embedded', 'cpuprofile'];

/**
 * The backend asked for cannot be used. Unlike other failures of ours, which only turn perf
 * mode off, this one stops the run before any test: the user asked for something specific.
 */
export class BackendChoiceError extends PerfReportError {
  constructor(message: string) {
    super('input', message);
    this.name = 'BackendChoiceError';
  }
}

/**
 * `auto` takes Tracy only when both tools are there (a capture that cannot be exported is of
 * no use to the pipeline); `tracy` without them is an error the user sees before any test
 * runs, rather than a run that silently records with something else.
 */
export function chooseBackend(options: PerfOptions, env: NodeJS.ProcessEnv = process.env): BackendChoice {
  const requested = requestedBackend(options, env);
  if (requested === 'embedded' || requested === 'cpuprofile') return { backend: requested };
  const capture = findTracyTool('tracy-capture', options.tracyCapture);
  const csvexport = findTracyTool('tracy-csvexport', options.tracyCsvexport);
  if (capture && csvexport) {
    // A release whose protocol the client does not speak is refused here, before any test.
    const problem = tracyToolsProblem({ capture, csvexport });
    if (!problem) return { backend: 'tracy', tools: { capture, csvexport } };
    if (requested === 'tracy') throw new BackendChoiceError(`the Tracy backend was requested but ${problem}`);
    return { backend: 'embedded', notice: `Tracy not used: ${problem}` };
  }
  const missing = [
    capture ? undefined : describeMissing('tracy-capture', options.tracyCapture ?? env.TRACY_CAPTURE),
    csvexport ? undefined : describeMissing('tracy-csvexport', options.tracyCsvexport ?? env.TRACY_CSVEXPORT),
  ].filter((line) => line !== undefined);
  if (requested === 'tracy') {
    throw new BackendChoiceError(
      `the Tracy backend was requested but ${missing.join(' and ')}. Run \`npx perf-report tracy build\` (found in its cache), ` +
        'or install Tracy 0.13\'s capture and csvexport tools (on PATH, or point TRACY_CAPTURE / TRACY_CSVEXPORT or the ' +
        'tracyCapture / tracyCsvexport options at them), ' +
        `or set ${PERF_BACKEND_ENV} (or the backend option) to auto or embedded`,
    );
  }
  return { backend: 'embedded', notice: `Tracy not found: ${missing.join(', ')}` };
}

function requestedBackend(options: PerfOptions, env: NodeJS.ProcessEnv): PerfBackend {
  const fromEnv = env[PERF_BACKEND_ENV] || undefined;
  const value = fromEnv ?? options.backend ?? 'auto';
  if (!BACKENDS.includes(value as PerfBackend)) {
    const source = fromEnv !== undefined ? PERF_BACKEND_ENV : 'the backend option';
    throw new BackendChoiceError(`${source} is "${value}"; expected one of ${BACKENDS.join(', ')}`);
  }
  return value as PerfBackend;
}

function describeMissing(tool: string, explicit: string | undefined): string {
  return explicit ? `${tool} at ${explicit} is not an executable file` : `no ${tool} on PATH`;
}
