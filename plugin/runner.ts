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
import { TestRunner as VitestTestRunner } from 'vitest';
import { readWorkerSettings } from '../src/environment.js';
import { activeFileProfiler, type FileProfiler } from '../src/zones/cpu-profiler.js';
import { activeRecorder } from '../src/zones/recorder.js';
import { repeatTasks } from '../src/zones/task-repeat.js';
import { TaskZones, type HookKind, type TaskLike } from '../src/zones/task-zones.js';

type Config = ConstructorParameters<typeof VitestTestRunner>[0];
type Hooks = Record<HookKind, Array<(...args: unknown[]) => unknown>>;
type Body = (...args: unknown[]) => unknown;

const runnerStatics = VitestTestRunner as unknown as {
  getSuiteHooks(suite: RunnerTestSuite): Hooks;
  getTestFn(test: RunnerTestCase): Body | undefined;
  setTestFn(test: RunnerTestCase, fn: Body): void;
};

export default class PerfReportRunner extends VitestTestRunner {
  private readonly zones: TaskZones | undefined;
  private readonly profiler: FileProfiler | undefined = activeFileProfiler();
  private readonly repeat = readWorkerSettings().repeat;

  constructor(config: Config) {
    super(config);
    const recorder = activeRecorder();
    if (!recorder) return;
    // Vitest makes one runner per test file run, with its project's config.
    recorder.project = config.name ?? '';
    const zones = new TaskZones(recorder, config.root);
    this.zones = zones;
    // `trace` wraps every phase (typed in VitestRunner, not documented); keep Vitest's own for OpenTelemetry.
    const inner = this.trace;
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

  onCollected(files: RunnerTestFile[]): void {
    repeatTasks(files as unknown as TaskLike[], this.repeat);
  }

  override async onBeforeRunSuite(suite: RunnerTestSuite): Promise<void> {
    await super.onBeforeRunSuite(suite);
    this.zones?.suiteStarting(suite as unknown as TaskLike, runnerStatics.getSuiteHooks(suite));
  }

  override async onAfterRunSuite(suite: RunnerTestSuite): Promise<void> {
    this.zones?.suiteFinished(suite as unknown as TaskLike);
    await super.onAfterRunSuite(suite);
  }

  override async onBeforeRunTask(test: RunnerTestCase): Promise<void> {
    await super.onBeforeRunTask(test);
    this.zones?.testStarting(test as unknown as TaskLike, runnerStatics.getTestFn(test), (fn) => runnerStatics.setTestFn(test, fn));
  }

  override onBeforeTryTask(test: RunnerTestCase): void {
    super.onBeforeTryTask(test);
    this.zones?.attemptStarting(test as unknown as TaskLike);
  }

  onAfterRetryTask(test: RunnerTestCase): void {
    this.zones?.attemptFinished(test as unknown as TaskLike);
  }

  override onAfterRunTask(test: RunnerTestCase): void {
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

