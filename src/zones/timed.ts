import type { Recorder } from './recorder.js';

/**
 * Runs `fn` inside a zone on `lane`: the zone ends when `fn` returns or throws, or, when it
 * returns a thenable, when that settles. The caller gets `fn`'s own result back (a promise
 * is observed, never replaced, so its identity and rejection behaviour are the caller's).
 */
export function timed<T>(recorder: Recorder, location: number, lane: number, fn: () => T): T {
  recorder.begin(location, lane);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    recorder.end(location, lane);
    throw error;
  }
  if (isThenable(result)) {
    const end = (): void => recorder.end(location, lane);
    result.then(end, end);
  } else {
    recorder.end(location, lane);
  }
  return result;
}

/** Any thenable, not only this realm's Promise: test code may return another realm's, or a custom one. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
