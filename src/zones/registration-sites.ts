import { stackFrames } from './call-site.js';

/** What a suite collector looks like from here (Vitest's `getCurrentSuite()`, both majors). */
export interface CollectorLike {
  tasks: unknown[];
}

interface Pending {
  collector: CollectorLike;
  index: number;
  error: Error;
}

/**
 * Where each test and describe block of a file was registered, for the tasks whose titles the
 * text scan cannot find (titles from `test.each`/`describe.each` formats, template literals,
 * loops over a table).
 *
 * Vitest reads `config.includeTaskLocation` once for every test and describe block it creates,
 * inside the user's `test(…)`/`describe(…)` call. Read through a getter, that moment is where
 * an Error is made: V8 records the frames then, but formats them (and Vite source-maps them)
 * only when `.stack` is read, which is done here for the few tasks that need it. Vitest's own
 * `includeTaskLocation` formats and source-maps a stack for every task (13 % of a 1,000-test
 * run); this costs an unformatted capture per task and a formatted one per unplaced task.
 *
 * The task being created is not there yet when the getter runs, but its place is: it is
 * pushed next onto the current collector's tasks (a test) or the collector made for it is
 * (a describe block), so the capture is matched to the task after collection.
 */
export class RegistrationSites {
  private pending: Pending[] = [];
  private readonly sites = new WeakMap<object, Error>();

  /** At a task's registration, with the collector it is being added to. */
  capture(collector: CollectorLike): void {
    const limit = Error.stackTraceLimit;
    // Vitest's own frames (chainable, each, collector) stand between the getter and the test file.
    Error.stackTraceLimit = 30;
    const error = new Error('registration site');
    Error.stackTraceLimit = limit;
    this.pending.push({ collector, index: collector.tasks.length, error });
  }

  /** After a file's collection: the captures become the sites of the tasks now in their places. */
  settle(): void {
    for (const { collector, index, error } of this.pending) {
      const entry = collector.tasks[index] as { type?: string; suite?: object } | undefined;
      const task = entry?.type === 'collector' ? entry.suite : entry;
      if (typeof task === 'object' && task !== null) this.sites.set(task, error);
    }
    this.pending = [];
  }

  /** Drops what was captured for a file whose collection did not finish. */
  reset(): void {
    this.pending = [];
  }

  /** The line in `filepath` where `task` was registered; formats that one stack, once. */
  lineOf(task: object, filepath: string): number | undefined {
    const error = this.sites.get(task);
    if (!error) return undefined;
    this.sites.delete(task);
    return stackFrames(error.stack ?? '').find((frame) => frame.file === filepath)?.line;
  }
}
