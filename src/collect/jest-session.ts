import { BackendChoiceError } from './backend-choice.js';
import { PERF_MODE_ENV, isPerfRun, outputDirectory, type PerfOptions } from './perf-options.js';
import { describeSavedRun } from './saved-run-summary.js';
import { startRun, type RecordingRun } from './start-run.js';

export interface JestRunFacts {
  rootDir: string;
  watch: boolean;
}

/**
 * One perf run of Jest, driven by the Jest reporter. Jest has no plugin hook, so the switch is
 * PERF_MODE=true (or the reporter option `enabled`); the collector's address reaches the
 * workers through the environment, which Jest's worker processes and threads inherit
 * (dependency-facts §2). Failures of ours are one line and never change Jest's exit code
 * unless `strict`; only a backend that was asked for and cannot be used stops the run.
 */
export class JestPerfSession {
  private constructor(
    private readonly run: RecordingRun,
    private readonly options: PerfOptions,
  ) {}

  static async begin(facts: JestRunFacts, options: PerfOptions): Promise<JestPerfSession | undefined> {
    if (!isPerfRun({ argv: [], env: process.env, mode: undefined, enabled: options.enabled })) return undefined;
    if (facts.watch) {
      process.stderr.write('perf-report: watch mode is not profiled; run jest without --watch for a perf run\n');
      return undefined;
    }
    try {
      const outDir = outputDirectory({
        argv: process.argv,
        env: process.env,
        outputFile: undefined,
        configured: options.output,
        root: facts.rootDir,
        cwd: process.cwd(),
      });
      const target = {
        root: facts.rootDir,
        outDir,
        ...(options.name ? { name: options.name } : {}),
        ...(options.version ? { version: options.version } : {}),
        ...(options.h5 === undefined ? {} : { h5: options.h5 }),
        ...(options.pdfName ? { pdfName: options.pdfName } : {}),
      };
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const run = await startRun(target, options, { runner: 'jest', log });
      Object.assign(process.env, run.workerEnv, { [PERF_MODE_ENV]: 'true' });
      return new JestPerfSession(run, options);
    } catch (error) {
      if (error instanceof BackendChoiceError) throw error;
      process.stderr.write(`perf-report: perf mode is off for this run: ${(error as Error).message}\n`);
      if (options.strict) process.exitCode = 1;
      return undefined;
    }
  }

  async end(testFiles: readonly string[]): Promise<void> {
    try {
      const saved = await this.run.finish(testFiles);
      if (saved.missingFiles.length > 0) {
        process.stderr.write(`perf-report: no complete data from ${saved.missingFiles.length} test file(s): ${saved.missingFiles.join(', ')}\n`);
      }
      process.stderr.write(`${describeSavedRun(saved)}\n`);
    } catch (error) {
      process.stderr.write(`perf-report: ${(error as Error).message}\n`);
      if (this.options.strict) process.exitCode = 1;
    }
  }
}
