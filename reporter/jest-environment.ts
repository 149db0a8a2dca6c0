/**
 * `testEnvironment: 'perf-report/jest/environment'`: Jest's node environment plus zones for the
 * file, describe blocks, hooks and tests (CircusZones) when the run is a perf run, or, with the
 * cpuprofile backend, a CPU profile of the test file from setup (before Jest loads it) to teardown.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { CircusZones } from '../src/zones/circus-zones.js';
import { activeFileProfiler, type FileProfiler } from '../src/zones/cpu-profiler.js';
import { activeRecorder } from '../src/zones/recorder.js';

export default class PerfReportEnvironment extends TestEnvironment {
  private readonly zones: CircusZones | undefined;
  private readonly profiler: FileProfiler | undefined = activeFileProfiler();
  private readonly testPath: string;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.testPath = context.testPath;
    const recorder = activeRecorder();
    if (recorder) this.zones = new CircusZones(recorder, config.projectConfig.rootDir, context.testPath);
  }

  override async setup(): Promise<void> {
    await super.setup();
    await this.profiler?.fileStarting(this.testPath);
  }

  handleTestEvent(event: Circus.Event): void {
    this.zones?.handle(event);
  }

  override async teardown(): Promise<void> {
    await this.profiler?.fileFinished(this.testPath);
    await this.zones?.fileDone();
    await super.teardown();
  }
}
