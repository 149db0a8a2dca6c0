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
 *
 * `perf-report jest` names this environment on Jest's command line. A project whose config
 * names another one (jsdom, its own) keeps it: the CLI passes each project's environment in
 * PERF_REPORT_JEST_ENVIRONMENTS, and this one builds that environment with the zones instead.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { createRequire } from 'node:module';
import { readRunnerEnvironments, readWorkerSettings } from '../src/environment.js';
import { repeatRegisteredTest } from '../src/zones/circus-repeat.js';
import { CircusZones } from '../src/zones/circus-zones.js';
import { activeFileProfiler, type FileProfiler } from '../src/zones/cpu-profiler.js';
import { activeRecorder, ENVIRONMENT_ZONES_KEY } from '../src/zones/recorder.js';
import * as userZones from '../src/zones/index.js';

/** What `withPerfZones` needs of an environment class: Jest's constructor and lifecycle. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin rule wants any[]
type EnvironmentClass = abstract new (...args: any[]) => {
  setup(): Promise<void>;
  teardown(): Promise<void>;
  handleTestEvent?(event: Circus.Event, state: Circus.State): void | Promise<void>;
};

/** Marks a class withPerfZones made, so that an environment which already has the zones is not given them twice. */
const HAS_PERF_ZONES = Symbol.for('perf-report.jest-environment-with-zones');

/** `Base` with perf-report's zones (or CPU profile) around every test file it runs. */
export function withPerfZones<Base extends EnvironmentClass>(Base: Base) {
  abstract class PerfZonesEnvironment extends Base {
    static readonly [HAS_PERF_ZONES] = true;
    readonly #zones: CircusZones | undefined;
    readonly #profiler: FileProfiler | undefined = activeFileProfiler();
    readonly #repeat = readWorkerSettings().repeat;
    readonly #testPath: string;

    constructor(...args: any[]) {
      const [config, context] = args as [JestEnvironmentConfig, EnvironmentContext];
      super(config, context);
      this.#testPath = context.testPath;
      // The test file's code runs in a realm of its own: its `perf-report/zones` (the CommonJS
      // entry, or the ES module under --experimental-vm-modules) hands on these, which record
      // with this process's recorder. A module namespace, so Jest's cleanup of the file's
      // globals cannot redefine its properties.
      const global = (this as { global?: Record<symbol, unknown> }).global;
      if (global) global[ENVIRONMENT_ZONES_KEY] = userZones;
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

type ConcreteEnvironment = new (config: JestEnvironmentConfig, context: EnvironmentContext) => object;

/** A project's own environment, with the zones; or why it could not be loaded. */
type ProjectEnvironment = { environment: ConcreteEnvironment } | { failure: string };

/** The class an environment module exports, the ways Jest accepts it (the module itself, `default`, `TestEnvironment`). */
function environmentClass(loaded: unknown): ConcreteEnvironment | undefined {
  const exports = loaded as Record<string, unknown> | undefined;
  for (const candidate of [loaded, exports?.default, exports?.TestEnvironment]) {
    if (typeof candidate === 'function') return candidate as ConcreteEnvironment;
  }
  return undefined;
}

// Jest loads this module with require() (Node runs ESM so when it has no top-level await),
// so the projects' environments are required too, on first use.
const requireEnvironment = createRequire(import.meta.url);

function loadProjectEnvironment(path: string): ProjectEnvironment {
  try {
    const found = environmentClass(requireEnvironment(path));
    if (!found) return { failure: `${path} exports no environment class` };
    const withZones = HAS_PERF_ZONES in found ? found : withPerfZones(found as unknown as EnvironmentClass);
    return { environment: withZones as unknown as ConcreteEnvironment };
  } catch (error) {
    return { failure: `${path} could not be loaded (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The projects' own environments the CLI named, by Jest project id, each loaded once per worker. */
const projectPaths = readRunnerEnvironments();
const projectEnvironments = new Map<string, ProjectEnvironment>();

function projectEnvironment(projectId: string): ProjectEnvironment | undefined {
  const path = projectPaths[projectId];
  if (path === undefined) return undefined;
  let environment = projectEnvironments.get(projectId);
  if (!environment) {
    environment = loadProjectEnvironment(path);
    projectEnvironments.set(projectId, environment);
  }
  return environment;
}

/**
 * Jest's node environment with the zones, or, for a project whose config names another
 * environment (see above), that environment with the zones: the constructor returns an
 * instance of it, which is what Jest then runs the file in.
 */
class PerfReportEnvironment extends withPerfZones(TestEnvironment) {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    const own = projectEnvironment(config.projectConfig.id);
    if (own && 'failure' in own) {
      throw new Error(`perf-report: the project's test environment ${own.failure}; give it the zones yourself: export default withPerfZones(YourEnvironment), from 'perf-report/jest/environment'`);
    }
    if (own) return new own.environment(config, context) as PerfReportEnvironment;
    super(config, context);
  }
}

export default PerfReportEnvironment;
