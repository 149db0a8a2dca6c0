/**
 * `reporters: ['default', 'perf-report/jest']` (with `testEnvironment: 'perf-report/jest/environment'`):
 * in a perf run (PERF_MODE=true, or the option `enabled: true`) it collects the environment's
 * zones and produces the same outputs as the Vitest reporter. The work is in JestPerfSession.
 */
import type { AggregatedResult, Config, Reporter, ReporterContext } from '@jest/reporters';
import type { PerfOptions } from '../src/collect/perf-options.js';
import { JestPerfSession } from '../src/collect/jest-session.js';

export default class PerfReportJestReporter implements Pick<Reporter, 'onRunStart' | 'onRunComplete' | 'getLastError'> {
  private session: JestPerfSession | undefined;

  constructor(
    private readonly globalConfig: Config.GlobalConfig,
    private readonly options: PerfOptions = {},
    _context?: ReporterContext,
  ) {}

  async onRunStart(): Promise<void> {
    this.session = await JestPerfSession.begin(
      { rootDir: this.globalConfig.rootDir, watch: this.globalConfig.watch || this.globalConfig.watchAll },
      this.options ?? {},
    );
  }

  async onRunComplete(_contexts: unknown, results: AggregatedResult): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.end(results.testResults.map((result) => result.testFilePath));
  }

  getLastError(): Error | undefined {
    return undefined;
  }
}
