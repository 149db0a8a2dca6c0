/**
 * `perf-report` as a Vitest reporter (the package's default export). Listed in `reporters` (or
 * added by the plugin) it makes the run a perf run by itself; the work is in PerfSession.
 */
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import { PERF_REPORTER, type PerfOptions } from '../src/session/options.js';
import { PerfSession } from '../src/session/perf-session.js';
import { installPerfRunner } from '../src/session/vitest-runner.js';

export default class PerfReporter implements Reporter {
  readonly [PERF_REPORTER] = true;
  private session: PerfSession | undefined;

  constructor(private readonly options: PerfOptions = {}) {}

  async onInit(vitest: Vitest): Promise<void> {
    const { logger, config } = vitest;
    this.session = await PerfSession.begin(
      {
        runner: 'vitest',
        root: config.root,
        watch: config.watch,
        outputFile: config.outputFile,
        // `--shard=2/4`: this run is part of a suite split over several jobs.
        ...(config.shard ? { shard: { index: config.shard.index, count: config.shard.count } } : {}),
        // Instrumented code is slower: a run is only compared as it was measured.
        coverage: config.coverage.enabled ? config.coverage.provider ?? 'v8' : 'off',
        argv: process.argv,
        env: process.env,
        cwd: process.cwd(),
        log: (line) => logger.log(line),
        warn: (line) => logger.warn(line),
        error: (line) => logger.error(line),
        stop: (line, exitCode) => {
          logger.error(line);
          process.exit(exitCode);
        },
      },
      this.options,
    );
    if (this.session) installPerfRunner(vitest, this.session.records, (line) => logger.warn(line));
  }

  async onTestRunEnd(modules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): Promise<void> {
    const session = this.session;
    this.session = undefined;
    // Type-check files (`*.test-d.ts`, `--typecheck`) are checked by tsc in the main process:
    // no worker runs them, so they are not waited for.
    const ran = modules.filter((module) => !isTypecheckModule(module));
    await session?.end(reason, ran.map((module) => module.moduleId));
  }
}

function isTypecheckModule(module: TestModule): boolean {
  return (module.meta() as { typecheck?: unknown }).typecheck === true;
}
