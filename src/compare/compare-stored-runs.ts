import type { StoredRun } from '../model/run.js';
import { compareFunctionRuns } from './compare-functions.js';
import { compareRuns, type CompareOptions } from './compare-runs.js';
import type { RunComparison } from './comparison.js';

/**
 * A stored run against its baseline, by the run's kind: zones with zones, function profiles
 * with function profiles; a baseline of the other kind counts as none.
 */
export function compareStoredRuns(
  current: StoredRun,
  baseline: StoredRun | undefined,
  options: { threshold?: number | undefined; alpha?: number | undefined },
): RunComparison {
  const limits: CompareOptions = {
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(options.alpha === undefined ? {} : { alpha: options.alpha }),
  };
  return current.kind === 'functions'
    ? compareFunctionRuns(current, baseline?.kind === 'functions' ? baseline : undefined, limits)
    : compareRuns(current, baseline?.kind === 'zones' ? baseline : undefined, limits);
}
