import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { USER_ENV } from '../environment.js';
import { runnerCommand, type RunnerCommand } from '../session/runner-command.js';
import { splitOwnArgs, type OwnChoices } from './own-args.js';

export interface RunInPerfModeOptions {
  /** The tested project (where its runner is installed). Default: process.cwd(). */
  cwd?: string;
  /** Output directory; `--perf-output DIR` among the args wins. */
  output?: string;
  /** Backend (`auto`, `tracy`, `embedded`, `cpuprofile`); `--perf-backend NAME` among the args wins. */
  backend?: string;
  /** Rounds of the suite; `--perf-rounds N` among the args wins. */
  rounds?: number;
  /** Extra environment for the runner. */
  env?: NodeJS.ProcessEnv;
  /** Default 'inherit': the runner talks to the user's terminal. */
  stdio?: 'inherit' | 'ignore';
}

/** `perf-report vitest [args…]`: the project's own vitest as a perf run; resolves with its exit code. */
export async function runVitestInPerfMode(args: readonly string[], options: RunInPerfModeOptions = {}): Promise<number> {
  return launch('vitest', args, options);
}

/** `perf-report jest [args…]`: the same for the project's jest. */
export async function runJestInPerfMode(args: readonly string[], options: RunInPerfModeOptions = {}): Promise<number> {
  return launch('jest', args, options);
}

/** Perf mode reaches the run through PERF_MODE (for the plugin) and the reporter named on the command line. */
async function launch(runner: 'vitest' | 'jest', args: readonly string[], options: RunInPerfModeOptions): Promise<number> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { runnerArgs, ...own } = splitOwnArgs(args);
  return runChild(await runnerCommand(runner, cwd, runnerArgs), withDefaults(own, options), options);
}

function withDefaults(own: OwnChoices, options: RunInPerfModeOptions): OwnChoices {
  return {
    ...own,
    output: own.output ?? options.output,
    backend: own.backend ?? options.backend,
    rounds: own.rounds ?? (options.rounds === undefined ? undefined : String(options.rounds)),
  };
}

/** Our own choices reach the run through the environment: the runner's CLI would reject them as flags. */
function runChild({ command, args, cwd, env }: RunnerCommand, own: OwnChoices, options: RunInPerfModeOptions): Promise<number> {
  const child = spawn(command, args, {
    cwd,
    stdio: options.stdio ?? 'inherit',
    env: {
      ...process.env,
      ...options.env,
      ...env,
      [USER_ENV.mode]: 'true',
      ...(own.output ? { [USER_ENV.output]: resolve(cwd, own.output) } : {}),
      // Checked by the run itself, which names the valid choices.
      ...(own.backend ? { [USER_ENV.backend]: own.backend } : {}),
      ...(own.rounds ? { [USER_ENV.rounds]: own.rounds } : {}),
      ...(own.version ? { [USER_ENV.version]: own.version } : {}),
      ...(own.summaryJson ? { [USER_ENV.summaryJson]: resolve(process.cwd(), own.summaryJson) } : {}),
      ...(own.summaryMd ? { [USER_ENV.summaryMd]: resolve(process.cwd(), own.summaryMd) } : {}),
      ...(own.baselineRef ? { [USER_ENV.baselineRef]: own.baselineRef } : {}),
      ...(own.failOnRegression ? { [USER_ENV.failOnRegression]: 'true' } : {}),
      ...(own.requireBaseline ? { [USER_ENV.requireBaseline]: 'true' } : {}),
    },
  });
  return new Promise((resolveExit, reject) => {
    child.once('error', reject);
    // Killed by a signal: a failure, as a shell would report it.
    child.once('exit', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
  });
}
