import { fileURLToPath } from 'node:url';
import type { TestModule, Vitest } from 'vitest/node';
import { BackendChoiceError } from './backend-choice.js';
import { PERF_REPEAT_ENV, outputDirectory, type PerfOptions } from './perf-options.js';
import { describeSavedRun } from './saved-run-summary.js';
import { startRun, type RecordingRun } from './start-run.js';

/** Built next to this file: dist/src/collect → dist/plugin/runner.js, inside the installed package. */
const RUNNER_PATH = fileURLToPath(new URL('../../plugin/runner.js', import.meta.url));
const ACTIVE_KEY = Symbol.for('perf-report.vitest-session');

/**
 * One perf run of Vitest, driven by the reporter: before the workers start it opens the
 * collector, passes its address to the workers through the environment, and installs the
 * runner; after the run it saves the capture and runs the report pipeline. Whatever fails on
 * our side is one line on the console and, unless `strict`, leaves the tests' exit code alone.
 */
export class VitestPerfSession {
  private constructor(
    private readonly vitest: Vitest,
    private readonly run: RecordingRun,
    private readonly options: PerfOptions,
  ) {}

  /**
   * Undefined when this run is not profiled (watch mode, or another reporter copy has it).
   * Throws only when the backend asked for cannot be used: that stops the run before any test.
   */
  static async begin(vitest: Vitest, options: PerfOptions): Promise<VitestPerfSession | undefined> {
    const global = globalThis as { [ACTIVE_KEY]?: boolean };
    // The plugin and a configured 'perf-report' reporter may both be present: one session only.
    if (global[ACTIVE_KEY]) return undefined;
    if (vitest.config.watch) {
      // Reruns would each need their own version and history entry; profiling is a `vitest run` affair.
      vitest.logger.log('perf-report: watch mode is not profiled; use `vitest run` for a perf run');
      return undefined;
    }
    global[ACTIVE_KEY] = true;
    try {
      const root = vitest.config.root;
      const outDir = outputDirectory({
        argv: process.argv,
        env: process.env,
        outputFile: vitest.config.outputFile,
        configured: options.output,
        root,
        cwd: process.cwd(),
      });
      const log = (line: string) => vitest.logger.log(line);
      const run = await startRun({ root, outDir, ...pick(options, ['name', 'version', 'h5', 'pdfName']) }, options, { runner: 'vitest', log });
      // Workers are spawned after onInit and inherit this environment (dependency-facts §1c).
      Object.assign(process.env, run.workerEnv);
      if (options.repeat && options.repeat > 1) process.env[PERF_REPEAT_ENV] = String(options.repeat);
      for (const project of vitest.projects) {
        if (project.config.runner && project.config.runner !== RUNNER_PATH) {
          const kept = run.records === 'zones' ? 'only its user zones are recorded' : 'its test files are not profiled';
          vitest.logger.warn(`perf-report: project "${project.name}" has its own runner (${project.config.runner}); ${kept}`);
          continue;
        }
        project.config.runner = RUNNER_PATH;
        // Test and describe lines come from the test files' text (TaskZones), unless the project
        // has Vitest record exact locations itself, which costs a source-mapped stack per test.
      }
      return new VitestPerfSession(vitest, run, options);
    } catch (error) {
      global[ACTIVE_KEY] = false;
      if (error instanceof BackendChoiceError) throw error;
      vitest.logger.error(`perf-report: perf mode is off for this run: ${(error as Error).message}`);
      if (options.strict) process.exitCode = 1;
      return undefined;
    }
  }

  async end(modules: readonly TestModule[]): Promise<void> {
    const logger = this.vitest.logger;
    try {
      const saved = await this.run.finish(modules.map((module) => module.moduleId));
      if (saved.missingFiles.length > 0) {
        logger.warn(`perf-report: no complete data from ${saved.missingFiles.length} test file(s) (worker crashed?): ${saved.missingFiles.join(', ')}`);
      }
      logger.log(describeSavedRun(saved));
    } catch (error) {
      logger.error(`perf-report: ${(error as Error).message}`);
      if (this.options.strict) process.exitCode = 1;
    } finally {
      (globalThis as { [ACTIVE_KEY]?: boolean })[ACTIVE_KEY] = false;
    }
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
