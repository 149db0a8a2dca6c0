/**
 * The worker-side instrumentation: Vitest's own runner plus zones for files, describe blocks,
 * hooks and tests. A custom runner rather than setup files because only the runner sees each
 * hook and each attempt separately (its onBeforeTryTask/onAfterRetryTask hooks and its traced
 * phases); a setup file's beforeEach/onTestFinished could only time beforeEach+test+afterEach
 * as one block. With the cpuprofile backend it records no zones and profiles each test file
 * instead, from before its import to after its last test. Installed by the reporter in perf
 * mode only.
 */
import type { RunnerTestCase, RunnerTestFile, RunnerTestSuite } from 'vitest';
import { readWorkerSettings } from '../src/environment.js';
import { activeFileProfiler, type FileProfiler } from '../src/zones/cpu-profiler.js';
import { activeRecorder } from '../src/zones/recorder.js';
import { repeatTasks } from '../src/zones/task-repeat.js';
import type { CollectorLike } from '../src/zones/registration-sites.js';
import { TaskZones, type HookKind, type TaskLike } from '../src/zones/task-zones.js';
import { BaseTestRunner, taskHelpers } from './vitest-runner-api.js';

type Config = ConstructorParameters<typeof BaseTestRunner>[0];
type Hooks = Record<HookKind, Array<(...args: unknown[]) => unknown>>;
type Body = (...args: unknown[]) => unknown;

const suiteHooks = taskHelpers.getHooks as (suite: RunnerTestSuite) => Hooks;
const testBody = taskHelpers.getFn as (test: RunnerTestCase) => Body | undefined;
const setTestBody = taskHelpers.setFn as (test: RunnerTestCase, fn: Body) => void;

/** The suite collector a test or describe block is being registered in, if any. */
function currentCollector(): CollectorLike | undefined {
  try {
    const collector = taskHelpers.getCurrentSuite() as unknown as Partial<CollectorLike> | undefined;
    return collector && Array.isArray(collector.tasks) ? (collector as CollectorLike) : undefined;
  } catch {
    // Read outside a collection (no current suite): nothing is being registered.
    return undefined;
  }
}

export default class PerfReportRunner extends BaseTestRunner {
  private readonly zones: TaskZones | undefined;
  private readonly profiler: FileProfiler | undefined = activeFileProfiler();
  private readonly repeat = readWorkerSettings().repeat;
  /** Collection is timed by onCollectStart/onCollected (Vitest 3.2) rather than by `trace`. */
  private collectHooks = false;

  constructor(config: Config) {
    super(config);
    const recorder = activeRecorder();
    if (!recorder) return;
    // Vitest makes one runner per test file run, with its project's config.
    recorder.project = config.name ?? '';
    const zones = new TaskZones(recorder, config.root);
    this.zones = zones;
    // A worker that runs several files makes a runner for each with the same config object:
    // read the value, not a getter an earlier runner left.
    const own = Object.getOwnPropertyDescriptor(config, 'includeTaskLocation');
    if (!(own && 'value' in own && own.value)) {
      // Vitest reads this once per test and describe block it registers, from inside the
      // user's call: the moment to note where the call was (RegistrationSites). It stays off.
      Object.defineProperty(config, 'includeTaskLocation', {
        configurable: true,
        enumerable: true,
        get: () => {
          const collector = currentCollector();
          if (collector) zones.sites.capture(collector);
          return false;
        },
      });
    }
    // `trace` wraps every phase on Vitest 4 (typed in VitestRunner, not documented); keep
    // Vitest's own for OpenTelemetry. Vitest 3.2 has none: collection is timed from
    // onCollectStart to onCollected instead.
    const inner = this.trace as typeof this.trace | undefined;
    if (typeof inner !== 'function') {
      this.collectHooks = true;
      return;
    }
    this.trace = ((name: string, attributes: Record<string, unknown> | (() => unknown), cb?: () => unknown) => {
      const run = typeof attributes === 'function' ? attributes : (cb as () => unknown);
      const attrs = typeof attributes === 'function' ? {} : attributes;
      return zones.traced(name, attrs, () => inner(name, attrs, run));
    }) as typeof this.trace;
  }

  // Vitest calls startTests with one file at a time (vitest/dist base chunk, `run`).
  async onBeforeCollect(paths: string[]): Promise<void> {
    for (const path of paths) await this.profiler?.fileStarting(path);
  }

  override onCollectStart(file: RunnerTestFile): void {
    super.onCollectStart(file);
    this.zones?.sites.reset();
    if (this.collectHooks) this.zones?.collectStarting(file.filepath);
  }

  onCollected(files: RunnerTestFile[]): void {
    this.zones?.sites.settle();
    if (this.collectHooks) for (const file of files) this.zones?.collectFinished(file.filepath);
    repeatTasks(files as unknown as TaskLike[], this.repeat);
  }

  override async onBeforeRunSuite(suite: RunnerTestSuite): Promise<void> {
    await super.onBeforeRunSuite(suite);
    this.zones?.suiteStarting(suite as unknown as TaskLike, suiteHooks(suite));
  }

  override async onAfterRunSuite(suite: RunnerTestSuite): Promise<void> {
    this.zones?.suiteFinished(suite as unknown as TaskLike);
    await super.onAfterRunSuite(suite);
  }

  override async onBeforeRunTask(test: RunnerTestCase): Promise<void> {
    await super.onBeforeRunTask(test);
    this.zones?.testStarting(test as unknown as TaskLike, testBody(test), (fn) => setTestBody(test, fn));
  }

  override onBeforeTryTask(test: RunnerTestCase): void {
    super.onBeforeTryTask(test);
    // Vitest 3.2 has no onAfterRetryTask: an attempt ends where the next one begins, or with the test.
    this.zones?.attemptFinished(test as unknown as TaskLike);
    this.zones?.attemptStarting(test as unknown as TaskLike);
  }

  /** After an attempt's afterEach hooks (Vitest 4). */
  onAfterRetryTask(test: RunnerTestCase): void {
    this.zones?.attemptFinished(test as unknown as TaskLike);
  }

  override onAfterRunTask(test: RunnerTestCase): void {
    this.zones?.attemptFinished(test as unknown as TaskLike);
    this.zones?.testFinished(test as unknown as TaskLike);
    super.onAfterRunTask(test);
  }

  override async onAfterRunFiles(files?: RunnerTestFile[]): Promise<void> {
    super.onAfterRunFiles();
    if (!files) return;
    for (const file of files) await this.profiler?.fileFinished(file.filepath);
    await this.zones?.filesDone(files as unknown as TaskLike[]);
  }
}

