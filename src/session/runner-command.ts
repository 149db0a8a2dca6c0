import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputError } from '../errors.js';
import type { RunnerName } from '../collect/tracy-bridge.js';

/** dist/src/session → dist/reporter: the adapters of this same installed copy. */
const VITEST_REPORTER = fileURLToPath(new URL('../../reporter/vitest-reporter.js', import.meta.url));
const JEST_REPORTER = fileURLToPath(new URL('../../reporter/jest-reporter.js', import.meta.url));
const JEST_ENVIRONMENT = fileURLToPath(new URL('../../reporter/jest-environment.js', import.meta.url));
const VITEST_COMMANDS = new Set(['run', 'watch', 'dev', 'related', 'bench', 'list', 'init']);

/** A test runner's command line in perf mode: Node, the project's own runner, its arguments plus ours. */
export interface RunnerCommand {
  command: string;
  args: string[];
  cwd: string;
}

/**
 * The project's own vitest with perf-report's reporter named on the command line, so a project
 * without the plugin is profiled too (its configured reporters are then replaced by `default` +
 * perf-report, as with any `--reporter`).
 */
export function vitestCommand(cwd: string, runnerArgs: readonly string[]): RunnerCommand {
  const command = runnerArgs[0] && VITEST_COMMANDS.has(runnerArgs[0]) ? [] : ['run'];
  const reporters = runnerArgs.some((arg) => arg === '--reporter' || arg.startsWith('--reporter='))
    ? [`--reporter=${VITEST_REPORTER}`]
    : ['--reporter=default', `--reporter=${VITEST_REPORTER}`];
  const entry = installedRunner(cwd, 'vitest', (manifest) => join(dirname(manifest), 'vitest.mjs'));
  return { command: process.execPath, args: [entry, ...command, ...runnerArgs, ...reporters], cwd };
}

/**
 * The project's own jest with perf-report's reporter and environment. The environment is
 * what times the tests, so ours is set unless the arguments name one (then it must be ours
 * or wrap ours).
 */
export function jestCommand(cwd: string, runnerArgs: readonly string[]): RunnerCommand {
  const names = (flag: string) => runnerArgs.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
  const environment = names('--testEnvironment') || names('--env') ? [] : [`--testEnvironment=${JEST_ENVIRONMENT}`];
  const reporters = names('--reporters') ? [`--reporters=${JEST_REPORTER}`] : ['--reporters=default', `--reporters=${JEST_REPORTER}`];
  const entry = installedRunner(cwd, 'jest', (manifest) => join(dirname(manifest), binOf(manifest, 'jest')));
  return { command: process.execPath, args: [entry, ...runnerArgs, ...environment, ...reporters], cwd };
}

export function runnerCommand(runner: RunnerName, cwd: string, runnerArgs: readonly string[]): RunnerCommand {
  return runner === 'vitest' ? vitestCommand(cwd, runnerArgs) : jestCommand(cwd, runnerArgs);
}

/** The runner a project uses: vitest when it can be resolved from the project, else jest. */
export function detectRunner(cwd: string): RunnerName {
  for (const name of ['vitest', 'jest'] as const) {
    try {
      createRequire(join(cwd, 'package.json')).resolve(`${name}/package.json`);
      return name;
    } catch {
      // not installed here
    }
  }
  throw inputError(cwd, 'neither vitest nor jest is installed here; install one, or run from the project directory');
}

/** The tested project's runner, not ours: its version and config loading are the ones to use. */
function installedRunner(cwd: string, name: RunnerName, entryOf: (manifest: string) => string): string {
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
