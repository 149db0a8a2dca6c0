import { pathToFileURL } from 'node:url';
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
 * an Error is made: V8 records the frames then, but formats them only when `.stack` is read.
 * Vitest's own `includeTaskLocation` formats and source-maps a whole stack for every task
 * (13 % of a 1,000-test run); this costs an unformatted capture per task, and one source-mapped
 * frame per call site (a loop's, say) whose tasks the text scan could not place.
 *
 * The task being created is not there yet when the getter runs, but its place is: it is
 * pushed next onto the current collector's tasks (a test) or the collector made for it is
 * (a describe block), so the capture is matched to the task after collection.
 */
export class RegistrationSites {
  private pending: Pending[] = [];
  private readonly sites = new WeakMap<object, Error>();
  /** Source line of a generated call position: the tests of one loop share their call, and are mapped once. */
  private readonly mapped = new Map<string, number | undefined>();

  /** At a task's registration, with the collector it is being added to. */
  capture(collector: CollectorLike): void {
    const limit = Error.stackTraceLimit;
    // Vitest's own frames (collector, chainable, each) stand between the getter and the test
    // file: 6 on 3.2 and 4.x, 8 for test.each; room is left for a helper that registers tests.
    Error.stackTraceLimit = 16;
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

  /**
   * The line in `filepath` where `task` was registered. The stack is read as V8's call sites
   * (no formatting); only the test file's frame goes through the runner's source-map-aware
   * formatting, which is what costs (about 0.2 ms a frame under Vitest), once per call site.
   */
  lineOf(task: object, filepath: string): number | undefined {
    const error = this.sites.get(task);
    if (!error) return undefined;
    this.sites.delete(task);
    const fileUrl = pathToFileURL(filepath).href;
    const site = callSites(error).find((frame) => {
      const name = frame.getFileName();
      return name === filepath || name === fileUrl;
    });
    if (!site) return undefined;
    const format = Error.prepareStackTrace;
    if (!format) return site.getLineNumber() ?? undefined;
    const key = `${filepath}:${site.getLineNumber()}:${site.getColumnNumber()}`;
    if (this.mapped.has(key)) return this.mapped.get(key);
    const line = stackFrames(String(format(error, [site]))).find((frame) => frame.file === filepath)?.line;
    this.mapped.set(key, line);
    return line;
  }
}

/** The frames V8 recorded for `error`, unformatted; read once (it replaces the error's `stack`). */
function callSites(error: Error): NodeJS.CallSite[] {
  const format = Error.prepareStackTrace;
  Error.prepareStackTrace = (_error, sites) => sites;
  try {
    const sites = (error as { stack?: unknown }).stack;
    return Array.isArray(sites) ? (sites as NodeJS.CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = format;
  }
}
