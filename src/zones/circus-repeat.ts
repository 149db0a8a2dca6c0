import type { Circus } from '@jest/types';

/**
 * Jest has no option to run a test several times; `repeat` is done by registering each test
 * `repeat` times. This runs on circus's `add_test` event, right after circus has added the
 * test to its describe block: the copies follow it, each with its own result, hooks and zone
 * (Jest then reports every copy, so a suite of 6 tests with repeat 3 reports 18).
 */
export function repeatRegisteredTest(event: Circus.Event, state: Circus.State, repeat: number): void {
  if (repeat <= 1 || event.name !== 'add_test') return;
  const block = state.currentDescribeBlock;
  const test = block.tests.at(-1);
  if (!test || test.fn !== event.fn || block.children.at(-1) !== test) return;
  for (let copy = 1; copy < repeat; copy++) {
    const again: Circus.TestEntry = {
      ...test,
      errors: [],
      retryReasons: [],
      invocations: 0,
      numPassingAsserts: 0,
      unhandledRejectionErrorByPromise: new Map(),
    };
    block.children.push(again);
    block.tests.push(again);
  }
}
