/**
 * Vitest's runner base class and task helpers, taken so that no Vitest major prints a
 * deprecation warning. Vitest 4.1 exports the base class as `TestRunner` from 'vitest' and warns
 * on every import of 'vitest/runners' and 'vitest/suite' (once per worker and test file: dozens
 * of lines in a run); Vitest 3.2 and 4.0 have no `TestRunner` there and do not warn.
 *
 * The task helpers (getFn/setFn/getHooks/getCurrentSuite) read module state of the
 * '@vitest/runner' copy Vitest runs with (a WeakMap of test bodies, the current suite), so they
 * must come through Vitest's own entry points. 4.1 has them as statics of `TestRunner` except
 * setFn (its `setTestFn` is `getFn`), so 'vitest/suite' is still imported there, with its one
 * warning line held back while it loads.
 */
import * as vitest from 'vitest';
import type { VitestTestRunner as RunnerClass } from 'vitest/runners';

interface TaskHelpers {
  getCurrentSuite(): unknown;
  getFn(test: unknown): unknown;
  setFn(test: unknown, fn: unknown): void;
  getHooks(suite: unknown): unknown;
}

const exported = (vitest as unknown as { TestRunner?: typeof RunnerClass }).TestRunner;

/** The class a custom Vitest runner extends. */
export const BaseTestRunner: typeof RunnerClass = exported ?? (await import('vitest/runners')).VitestTestRunner;

async function importQuietly<T>(load: () => Promise<T>, warning: string): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(warning)) return;
    warn(...args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

/** The task helpers of the '@vitest/runner' Vitest runs with. */
export const taskHelpers = (exported
  ? await importQuietly(() => import('vitest/suite'), 'Importing from "vitest/suite" is deprecated')
  : await import('vitest/suite')) as unknown as TaskHelpers;
