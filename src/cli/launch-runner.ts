import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { USER_ENV } from '../environment.js';
import { inputError } from '../errors.js';
import { splitOwnArgs } from './own-args.js';

/** dist/src/cli → dist/reporter: the adapters of this same installed copy. */
const VITEST_REPORTER = fileURLToPath(new URL('../../reporter/vitest-reporter.js', import.meta.url));
const JEST_REPORTER = fileURLToPath(new URL('../../reporter/jest-reporter.js', import.meta.url));
const JEST_ENVIRONMENT = fileURLToPath(new URL('../../reporter/jest-environment.js', import.meta.url));
const VITEST_COMMANDS = new Set(['run', 'watch', 'dev', 'related', 'bench', 'list', 'init']);

export interface RunInPerfModeOptions {
  /** The tested project (where its runner is installed). Default: process.cwd(). */
  cwd?: string;
  /** Output directory; `--perf-output DIR` among the args wins. */
  output?: string;
  /** Backend (`auto`, `tracy`, `embedded`, `cpuprofile`); `--perf-backend NAME` among the args wins. */
  backend?: string;
  /** Extra environment for the runner. */
  env?: NodeJS.ProcessEnv;
  /** Default 'inherit': the runner talks to the user's terminal. */
  stdio?: 'inherit' | 'ignore';
}

/**
 * `perf-report vitest [args…]`: runs the project's own vitest as a perf run and resolves with
 * its exit code. Perf mode reaches the plugin through PERF_MODE and the reporter is named on
 * the command line, so projects without the plugin are profiled too (their configured
 * reporters are then replaced by `default` + perf-report, as with any `--reporter`).
 */
export async function runVitestInPerfMode(args: readonly string[], options: RunInPerfModeOptions = {}): Promise<number> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { runnerArgs, output, backend } = splitOwnArgs(args);
  const command = runnerArgs[0] && VITEST_COMMANDS.has(runnerArgs[0]) ? [] : ['run'];
  const reporters = runnerArgs.some((arg) => arg === '--reporter' || arg.startsWith('--reporter='))
    ? [`--reporter=${VITEST_REPORTER}`]
    : ['--reporter=default', `--reporter=${VITEST_REPORTER}`];
  const entry = installedRunner(cwd, 'vitest', (manifest) => join(dirname(manifest), 'vitest.mjs'));
  return runChild(entry, [...command, ...runnerArgs, ...reporters], cwd, { outDir: output ?? options.output, backend: backend ?? options.backend }, options);
}

/**
 * `perf-report jest [args…]`: the same for the project's jest. Jest's environment is what
 * times the tests, so ours is set unless the arguments name one (then it must be ours or
 * wrap ours).
 */
export async function runJestInPerfMode(args: readonly string[], options: RunInPerfModeOptions = {}): Promise<number> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { runnerArgs, output, backend } = splitOwnArgs(args);
  const names = (flag: string) => runnerArgs.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
  const environment = names('--testEnvironment') || names('--env') ? [] : [`--testEnvironment=${JEST_ENVIRONMENT}`];
  const reporters = names('--reporters') ? [`--reporters=${JEST_REPORTER}`] : ['--reporters=default', `--reporters=${JEST_REPORTER}`];
  const entry = installedRunner(cwd, 'jest', (manifest) => join(dirname(manifest), binOf(manifest, 'jest')));
  return runChild(entry, [...runnerArgs, ...environment, ...reporters], cwd, { outDir: output ?? options.output, backend: backend ?? options.backend }, options);
}

/** Our own choices reach the run through the environment: the runner's CLI would reject them as flags. */
interface OwnChoices {
  outDir: string | undefined;
  backend: string | undefined;
}

function runChild(entry: string, args: string[], cwd: string, { outDir, backend }: OwnChoices, options: RunInPerfModeOptions): Promise<number> {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd,
    stdio: options.stdio ?? 'inherit',
    env: {
      ...process.env,
      ...options.env,
      [USER_ENV.mode]: 'true',
      ...(outDir ? { [USER_ENV.output]: resolve(cwd, outDir) } : {}),
      // Checked by the run itself (backend-choice), which names the valid choices.
      ...(backend ? { [USER_ENV.backend]: backend } : {}),
    },
  });
  return new Promise((resolveExit, reject) => {
    child.once('error', reject);
    // Killed by a signal: a failure, as a shell would report it.
    child.once('exit', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
  });
}

/** The tested project's runner, not ours: its version and config loading are the ones to use. */
function installedRunner(cwd: string, name: 'vitest' | 'jest', entryOf: (manifest: string) => string): string {
  let manifest: string;
  try {
    manifest = createRequire(join(cwd, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    throw inputError(cwd, `${name} is not installed here (cannot resolve ${name}/package.json); install it or run from the project directory`);
  }
  const entry = entryOf(manifest);
  if (!existsSync(entry)) throw inputError(manifest, `has no ${entry}: unsupported ${name} version`);
  return entry;
}

function binOf(manifest: string, name: string): string {
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> };
  return (typeof bin === 'string' ? bin : bin?.[name]) ?? `bin/${name}.js`;
}
