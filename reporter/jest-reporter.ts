/**
 * `reporters: ['default', 'perf-report/jest']` (with `testEnvironment: 'perf-report/jest/environment'`):
 * in a perf run (PERF_MODE=true, or the option `enabled: true`) it collects the environment's
 * zones and produces the same outputs as the Vitest reporter. The work is in PerfSession.
 */
import type { AggregatedResult, Config, Reporter, ReporterContext } from '@jest/reporters';
import { isPerfRun, type PerfOptions } from '../src/session/options.js';
import { PerfSession } from '../src/session/perf-session.js';

export default class PerfReportJestReporter implements Pick<Reporter, 'onRunStart' | 'onRunComplete' | 'getLastError'> {
  private session: PerfSession | undefined;

  constructor(
    private readonly globalConfig: Config.GlobalConfig,
    private readonly options: PerfOptions = {},
    _context?: ReporterContext,
  ) {}

  async onRunStart(): Promise<void> {
    const options = this.options ?? {};
    // Jest has no plugin hook and rejects unknown flags: the switch is PERF_MODE or `enabled`.
    if (!isPerfRun({ argv: [], env: process.env, mode: undefined, enabled: options.enabled })) return;
    const print = (line: string) => process.stderr.write(`${line}\n`);
    this.session = await PerfSession.begin(
      {
        runner: 'jest',
        root: this.globalConfig.rootDir,
        // `--shard=2/4`: this run is part of a suite split over several jobs.
        ...(this.globalConfig.shard ? { shard: { index: this.globalConfig.shard.shardIndex, count: this.globalConfig.shard.shardCount } } : {}),
        // Instrumented code is slower: a run is only compared as it was measured.
        coverage: this.globalConfig.collectCoverage ? this.globalConfig.coverageProvider : 'off',
        watch: this.globalConfig.watch || this.globalConfig.watchAll,
        argv: process.argv,
        env: process.env,
        cwd: process.cwd(),
        log: print,
        warn: print,
        error: print,
        stop: (line, exitCode) => {
          print(line);
          process.exit(exitCode);
        },
      },
      options,
    );
  }

  async onRunComplete(_contexts: unknown, results: AggregatedResult): Promise<void> {
    const session = this.session;
    this.session = undefined;
    // `success` is not final inside onRunComplete (Jest sets it later), so failures are read from the counts.
    const how = results.wasInterrupted ? 'interrupted' : results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0 ? 'failed' : 'passed';
    await session?.end(how, results.testResults.map((result) => result.testFilePath));
  }

  getLastError(): Error | undefined {
    return undefined;
  }
}
