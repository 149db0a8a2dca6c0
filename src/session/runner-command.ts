import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RUNNER_ENV } from '../environment.js';
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
  /** Variables the runner needs on top of the caller's environment. */
  env: Record<string, string>;
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
  return { command: process.execPath, args: [entry, ...command, ...runnerArgs, ...reporters], cwd, env: {} };
}

/**
 * The project's own jest with perf-report's reporter and environment. The environment is
 * what times the tests, so ours is set unless the arguments name one (then it must be ours
 * or wrap ours). A project whose config names another environment (jsdom, its own) keeps it:
 * ours builds that one with the zones (see RUNNER_ENV).
 */
export async function jestCommand(cwd: string, runnerArgs: readonly string[]): Promise<RunnerCommand> {
  const names = (flag: string) => runnerArgs.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
  const ownEnvironment = names('--testEnvironment') || names('--env');
  const reporters = names('--reporters') ? [`--reporters=${JEST_REPORTER}`] : ['--reporters=default', `--reporters=${JEST_REPORTER}`];
  const entry = installedRunner(cwd, 'jest', (manifest) => join(dirname(manifest), binOf(manifest, 'jest')));
  const environment = ownEnvironment ? [] : [`--testEnvironment=${JEST_ENVIRONMENT}`];
  const configured = ownEnvironment ? {} : await configuredJestEnvironments(entry, cwd, runnerArgs);
  const env: Record<string, string> = Object.keys(configured).length > 0 ? { [RUNNER_ENV.jestEnvironments]: JSON.stringify(configured) } : {};
  return { command: process.execPath, args: [entry, ...runnerArgs, ...environment, ...reporters], cwd, env };
}

const execFileAsync = promisify(execFile);

/**
 * The environment each project's config names, by Jest project id, where it is not Jest's node
 * environment (or ours): asked of the project's own jest (`--showConfig` resolves presets,
 * projects and the arguments as the run will), ~0.4 s. Nothing when the project has no Jest
 * config, and nothing when jest cannot say: the run itself then shows Jest's own error.
 */
async function configuredJestEnvironments(entry: string, cwd: string, runnerArgs: readonly string[]): Promise<Record<string, string>> {
  if (!hasJestConfig(cwd, runnerArgs)) return {};
  let configs: Array<{ id?: unknown; testEnvironment?: unknown }>;
  try {
    const { stdout } = await execFileAsync(process.execPath, [entry, ...runnerArgs, '--showConfig'], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
    configs = (JSON.parse(stdout) as { configs?: typeof configs }).configs ?? [];
  } catch {
    return {};
  }
  const found: Record<string, string> = {};
  for (const { id, testEnvironment } of configs) {
    if (typeof id !== 'string' || typeof testEnvironment !== 'string') continue;
    if (testEnvironment.includes(`${sep}jest-environment-node${sep}`) || testEnvironment === JEST_ENVIRONMENT) continue;
    found[id] = testEnvironment;
  }
  return found;
}

/** Jest reads its config from `--config`/`-c`, a jest.config.* file or package.json's "jest" key; without one it runs in node. */
function hasJestConfig(cwd: string, runnerArgs: readonly string[]): boolean {
  if (runnerArgs.some((arg) => arg === '--config' || arg === '-c' || arg.startsWith('--config=') || arg === '--projects' || arg.startsWith('--projects='))) return true;
  if (['js', 'ts', 'mjs', 'cjs', 'cts', 'mts', 'json'].some((ext) => existsSync(join(cwd, `jest.config.${ext}`)))) return true;
  try {
    return 'jest' in (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as object);
  } catch {
    return false;
  }
}

export function runnerCommand(runner: RunnerName, cwd: string, runnerArgs: readonly string[]): Promise<RunnerCommand> {
  return runner === 'vitest' ? Promise.resolve(vitestCommand(cwd, runnerArgs)) : jestCommand(cwd, runnerArgs);
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
