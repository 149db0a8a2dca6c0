/**
 * `perf-report` as a Vitest reporter (the package's default export). Listed in `reporters` (or
 * added by the plugin) it makes the run a perf run by itself; the work is in VitestPerfSession.
 */
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { PERF_REPORTER, type PerfOptions } from '../src/collect/perf-options.js';
import { VitestPerfSession } from '../src/collect/vitest-session.js';

export default class PerfReporter implements Reporter {
  readonly [PERF_REPORTER] = true;
  private session: VitestPerfSession | undefined;

  constructor(private readonly options: PerfOptions = {}) {}

  async onInit(vitest: Vitest): Promise<void> {
    this.session = await VitestPerfSession.begin(vitest, this.options);
  }

  async onTestRunEnd(modules: ReadonlyArray<TestModule>): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.end(modules);
  }
}
