import { USER_ENV } from '../environment.js';
import { PerfReportError } from '../errors.js';
import { tracyToolsProblem } from '../tools/tracy-tool-check.js';
import { findTracyTool } from '../tools/tracy-tools.js';
import { settingFrom } from './settings.js';

export type PerfBackend = 'auto' | 'tracy' | 'embedded' | 'cpuprofile';

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

/** The choices that record zones. */
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
export function chooseBackend(
  requested: PerfBackend,
  tools: { capture?: string; csvexport?: string },
  env: NodeJS.ProcessEnv = process.env,
): BackendChoice {
  if (requested === 'embedded' || requested === 'cpuprofile') return { backend: requested };
  const capture = findTracyTool('tracy-capture', tools.capture);
  const csvexport = findTracyTool('tracy-csvexport', tools.csvexport);
  if (capture && csvexport) {
    // A release whose protocol the client does not speak is refused here, before any test.
    const problem = tracyToolsProblem({ capture, csvexport });
    if (!problem) return { backend: 'tracy', tools: { capture, csvexport } };
    if (requested === 'tracy') throw new BackendChoiceError(`the Tracy backend was requested but ${problem}`);
    return { backend: 'embedded', notice: `Tracy not used: ${problem}` };
  }
  const missing = [
    capture ? undefined : describeMissing('tracy-capture', tools.capture ?? env[USER_ENV.tracyCapture]),
    csvexport ? undefined : describeMissing('tracy-csvexport', tools.csvexport ?? env[USER_ENV.tracyCsvexport]),
  ].filter((line) => line !== undefined);
  if (requested === 'tracy') {
    throw new BackendChoiceError(
      `the Tracy backend was requested but ${missing.join(' and ')}. Run \`npx perf-report tracy build\` (found in its cache), ` +
        `or install Tracy 0.13's capture and csvexport tools (on PATH, or point ${USER_ENV.tracyCapture} / ${USER_ENV.tracyCsvexport} or the ` +
        'tracyCapture / tracyCsvexport options at them), ' +
        `or set ${USER_ENV.backend} (or the backend option) to auto or embedded`,
    );
  }
  return { backend: 'embedded', notice: `Tracy not found: ${missing.join(', ')}` };
}

/**
 * `--perf-backend NAME` after `--` on the command line (`vitest run -- --perf --perf-backend
 * tracy`), else PERF_BACKEND, else the backend option; anything else is refused naming the
 * valid ones.
 */
export function requestedBackend(options: { backend?: unknown }, env: NodeJS.ProcessEnv, fromArgv?: string): PerfBackend {
  const parse = (value: unknown, where: string): PerfBackend | undefined => {
    if (value === undefined) return undefined;
    if (!BACKENDS.includes(value as PerfBackend)) {
      throw new BackendChoiceError(`${where} is "${String(value)}"; expected one of ${BACKENDS.join(', ')}`);
    }
    return value as PerfBackend;
  };
  if (fromArgv !== undefined) return parse(fromArgv, '--perf-backend') as PerfBackend;
  return settingFrom(env, USER_ENV.backend, options.backend, 'the backend option', parse) ?? 'auto';
}

function describeMissing(tool: string, explicit: string | undefined): string {
  return explicit ? `${tool} at ${explicit} is not an executable file` : `no ${tool} on PATH`;
}
