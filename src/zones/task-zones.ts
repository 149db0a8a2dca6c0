import { projectPath } from '../fs/project-path.js';
import type { Recorder } from './recorder.js';
import { timed } from './timed.js';
import { RegistrationSites } from './registration-sites.js';
import { stableTitle } from './stable-title.js';
import { TitleLines } from './title-lines.js';

/**
 * The shapes of Vitest's runner tasks that zones need (structural, so this file does not
 * depend on Vitest's internals beyond what the runner API documents).
 */
export interface TaskLike {
  name: string;
  type: 'test' | 'suite';
  mode: string;
  concurrent?: boolean;
  suite?: TaskLike;
  file: { filepath: string; name: string };
  location?: { line: number; column: number };
  result?: { state?: string };
  repeats?: number;
  tasks?: TaskLike[];
}

export type HookKind = 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach';
export const HOOK_KINDS: readonly HookKind[] = ['beforeAll', 'afterAll', 'beforeEach', 'afterEach'];
type HookFn = (...args: unknown[]) => unknown;

const WRAPPED = Symbol.for('perf-report.wrapped-hook');

/**
 * Turns the life of Vitest tasks into zones:
 * - a test: one zone per attempt (repeat or retry), `describe > … > test` at the test's line,
 *   spanning its beforeEach hooks, body and afterEach hooks;
 * - a hook: one zone per hook function, `describe > beforeEach` (just `beforeEach` at file level)
 *   at the line where it is registered in the file's text;
 * - a describe block: `describe > …` at its line; a file: `run <file>` and `collect <file>`.
 *
 * Concurrency: tasks run with `concurrent` get their own lane (logical thread), so zones of
 * interleaved tests never appear nested in each other; everything else runs on its parent's lane.
 */
export class TaskZones {
  private readonly lanes = new WeakMap<object, number>();
  private readonly freeLanes: number[] = [];
  private nextLane = 1;
  private readonly openTests = new WeakMap<object, number>();
  private readonly openSuites = new WeakMap<object, number>();
  private readonly openCollects = new Map<string, number>();
  private readonly lines = new WeakMap<object, number>();
  private readonly titleLines = new Map<string, TitleLines>();
  /** Registration stacks, read for the tasks whose titles are not in the file's text. */
  readonly sites = new RegistrationSites();

  constructor(
    private readonly recorder: Recorder,
    private readonly root: string,
  ) {}

  /** Wraps one of the runner's traced phases; only file collection is timed from here. */
  traced<T>(name: string, attributes: Record<string, unknown>, run: () => T): T {
    const filepath = attributes['code.file.path'];
    if (name !== 'collect_spec' || typeof filepath !== 'string') return run();
    return timed(this.recorder, this.collectLocation(filepath), 0, run);
  }

  private collectLocation(filepath: string): number {
    return this.recorder.location(`collect ${this.relative(filepath)}`, filepath, 0);
  }

  /** File collection, for runners without traced phases (Vitest 3.2): from before its import… */
  collectStarting(filepath: string): void {
    const location = this.collectLocation(filepath);
    this.openCollects.set(filepath, location);
    this.recorder.begin(location, 0);
  }

  /** …to after its tasks are collected. */
  collectFinished(filepath: string): void {
    const location = this.openCollects.get(filepath);
    if (location === undefined) return;
    this.openCollects.delete(filepath);
    this.recorder.end(location, 0);
  }

  suiteStarting(suite: TaskLike, hooks: Record<HookKind, HookFn[]>): void {
    // Vitest skips onAfterRunSuite for skipped suites and suites that failed to collect.
    if (suite.mode === 'skip' || suite.mode === 'todo' || suite.result?.state === 'fail') return;
    if (suite.concurrent && !isFile(suite)) this.lanes.set(suite, this.takeLane());
    for (const kind of HOOK_KINDS) hooks[kind] = hooks[kind].map((hook, index) => this.wrapHook(hook, kind, suite, index));
    const location = this.recorder.location(this.suiteName(suite), suite.file.filepath, this.lineOf(suite));
    this.openSuites.set(suite, location);
    this.recorder.begin(location, this.laneOf(suite));
  }

  suiteFinished(suite: TaskLike): void {
    const location = this.openSuites.get(suite);
    if (location === undefined) return;
    this.openSuites.delete(suite);
    this.recorder.end(location, this.laneOf(suite));
    this.releaseLane(suite);
  }

  /** Before the first attempt; `setFn` replaces the test body (to put a concurrent test's user zones on its lane). */
  testStarting(test: TaskLike, body: HookFn | undefined, setBody: (fn: HookFn) => void): void {
    if (!test.concurrent) return;
    const lane = this.takeLane();
    this.lanes.set(test, lane);
    if (body) setBody((...args) => this.recorder.runInLane(lane, () => body(...args)));
  }

  attemptStarting(test: TaskLike): void {
    const location = this.recorder.location(this.testName(test), test.file.filepath, this.lineOf(test));
    this.openTests.set(test, location);
    this.recorder.begin(location, this.laneOf(test));
  }

  attemptFinished(test: TaskLike): void {
    const location = this.openTests.get(test);
    if (location === undefined) return;
    this.openTests.delete(test);
    this.recorder.end(location, this.laneOf(test));
  }

  testFinished(test: TaskLike): void {
    this.releaseLane(test);
  }

  /** Sends every event of these files; the collector waits for this before saving. */
  filesDone(files: readonly TaskLike[]): Promise<void> {
    return this.recorder.fileDone(files.map((file) => file.file.filepath));
  }

  private wrapHook(hook: HookFn, kind: HookKind, suite: TaskLike, index: number): HookFn {
    if ((hook as { [WRAPPED]?: boolean })[WRAPPED]) return hook;
    const suiteLine = this.lineOf(suite);
    const location = this.recorder.location(
      isFile(suite) ? kind : `${this.suiteName(suite)} > ${kind}`,
      suite.file.filepath,
      this.titles(suite.file.filepath).hookLine(kind, suiteLine, index) ?? suiteLine,
    );
    const perTest = kind === 'beforeEach' || kind === 'afterEach';
    const zones = this;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      // Each-hooks get the test's context first; its task decides the lane.
      const owner = perTest ? ((args[0] as { task?: TaskLike } | undefined)?.task ?? suite) : suite;
      return timed(zones.recorder, location, zones.laneOf(owner), () => hook.apply(this, args));
    };
    // Keep Vitest's own bookkeeping (timeouts, registration stack) on the wrapper.
    return Object.assign(wrapped, hook, { [WRAPPED]: true });
  }

  private laneOf(task: TaskLike): number {
    for (let current: TaskLike | undefined = task; current; current = current.suite) {
      const lane = this.lanes.get(current);
      if (lane !== undefined) return lane;
    }
    return 0;
  }

  private takeLane(): number {
    return this.freeLanes.pop() ?? this.nextLane++;
  }

  private releaseLane(task: TaskLike): void {
    const lane = this.lanes.get(task);
    if (lane === undefined) return;
    this.lanes.delete(task);
    this.freeLanes.push(lane);
  }

  /**
   * A task's line: Vitest's own when the project asked for task locations, else where its
   * title is registered in the file's text, else (a title made at run time) where its
   * registration call was, else its describe block's line.
   */
  private lineOf(task: TaskLike): number {
    if (task.location) return task.location.line;
    if (isFile(task)) return 0;
    const cached = this.lines.get(task);
    if (cached !== undefined) return cached;
    const parentLine = task.suite ? this.lineOf(task.suite) : 0;
    const filepath = task.file.filepath;
    const line = this.titles(filepath).lineOf(task.name, parentLine) ?? this.sites.lineOf(task, filepath) ?? parentLine;
    this.lines.set(task, line);
    return line;
  }

  private titles(filepath: string): TitleLines {
    let titles = this.titleLines.get(filepath);
    if (!titles) {
      titles = TitleLines.ofFile(filepath);
      this.titleLines.set(filepath, titles);
    }
    return titles;
  }

  private testName(test: TaskLike): string {
    return [...this.ancestors(test), stableTitle(test.name)].join(' > ');
  }

  private suiteName(suite: TaskLike): string {
    // A file is a suite too; its run zone is named after its path.
    return isFile(suite) ? `run ${this.relative(suite.file.filepath)}` : [...this.ancestors(suite), suite.name].join(' > ');
  }

  /** Names of the enclosing describe blocks, outermost first (the file is not one of them). */
  private ancestors(task: TaskLike): string[] {
    const names: string[] = [];
    for (let parent = task.suite; parent && !isFile(parent); parent = parent.suite) {
      if (parent.name) names.unshift(parent.name);
    }
    return names;
  }

  private relative(filepath: string): string {
    return projectPath(filepath, this.root);
  }
}

function isFile(task: TaskLike): boolean {
  return (task as unknown) === (task.file as unknown);
}
