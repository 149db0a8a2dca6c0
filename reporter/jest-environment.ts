/**
 * `testEnvironment: 'perf-report/jest/environment'`: Jest's node environment plus zones for the
 * file, describe blocks, hooks and tests (CircusZones) when the run is a perf run.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { CircusZones } from '../src/zones/circus-zones.js';
import { activeRecorder } from '../src/zones/recorder.js';

export default class PerfReportEnvironment extends TestEnvironment {
  private readonly zones: CircusZones | undefined;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const recorder = activeRecorder();
    if (recorder) this.zones = new CircusZones(recorder, config.projectConfig.rootDir, context.testPath);
  }

  handleTestEvent(event: Circus.Event): void {
    this.zones?.handle(event);
  }

  override async teardown(): Promise<void> {
    await this.zones?.fileDone();
    await super.teardown();
  }
}
