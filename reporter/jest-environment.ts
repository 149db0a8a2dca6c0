/**
 * `testEnvironment: 'perf-report/jest/environment'`: Jest's node environment plus zones for the
 * file, describe blocks, hooks and tests (CircusZones) when the run is a perf run, or, with the
 * cpuprofile backend, a CPU profile of the test file from setup (before Jest loads it) to teardown.
 *
 * Another environment (jsdom, a custom one) gets the same with `withPerfZones`:
 *
 * ```js
 * // perf-jsdom-environment.mjs, then testEnvironment: '<rootDir>/perf-jsdom-environment.mjs'
 * import JSDOMEnvironment from 'jest-environment-jsdom';
 * import { withPerfZones } from 'perf-report/jest/environment';
 * export default withPerfZones(JSDOMEnvironment);
 * ```
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { readWorkerSettings } from '../src/environment.js';
import { repeatRegisteredTest } from '../src/zones/circus-repeat.js';
import { CircusZones } from '../src/zones/circus-zones.js';
import { activeFileProfiler, type FileProfiler } from '../src/zones/cpu-profiler.js';
import { activeRecorder } from '../src/zones/recorder.js';

/** What `withPerfZones` needs of an environment class: Jest's constructor and lifecycle. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin rule wants any[]
type EnvironmentClass = abstract new (...args: any[]) => {
  setup(): Promise<void>;
  teardown(): Promise<void>;
  handleTestEvent?(event: Circus.Event, state: Circus.State): void | Promise<void>;
};

/** `Base` with perf-report's zones (or CPU profile) around every test file it runs. */
export function withPerfZones<Base extends EnvironmentClass>(Base: Base) {
  abstract class PerfZonesEnvironment extends Base {
    readonly #zones: CircusZones | undefined;
    readonly #profiler: FileProfiler | undefined = activeFileProfiler();
    readonly #repeat = readWorkerSettings().repeat;
    readonly #testPath: string;

    constructor(...args: any[]) {
      const [config, context] = args as [JestEnvironmentConfig, EnvironmentContext];
      super(config, context);
      this.#testPath = context.testPath;
      const recorder = activeRecorder();
      if (recorder) this.#zones = new CircusZones(recorder, config.projectConfig.rootDir, context.testPath);
    }

    override async setup(): Promise<void> {
      await super.setup();
      await this.#profiler?.fileStarting(this.#testPath);
    }

    override handleTestEvent(event: Circus.Event, state: Circus.State): void | Promise<void> {
      repeatRegisteredTest(event, state, this.#repeat);
      this.#zones?.handle(event);
      return super.handleTestEvent?.(event, state);
    }

    override async teardown(): Promise<void> {
      await this.#profiler?.fileFinished(this.#testPath);
      await this.#zones?.fileDone();
      await super.teardown();
    }
  }
  return PerfZonesEnvironment as unknown as Base;
}

export default withPerfZones(TestEnvironment);
