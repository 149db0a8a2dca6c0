import type { FunctionRunComparison, ZoneRunComparison } from '../compare/comparison.js';
import { ruleText } from './verdict-wording.js';

/**
 * The sentence under a report's title (PDF page 1 and the HTML page): how the run was
 * compared, or why it was not.
 */
export function zoneSummaryNote(comparison: ZoneRunComparison): string {
  if (comparison.baselineVersion === undefined) return 'No earlier run of this platform was found: nothing was compared.';
  if ((comparison.noise?.judged ?? 0) > 0) {
    return (
      `A change is confirmed when ${ruleText(comparison)}; larger changes the test cannot confirm are marked unconfirmed (?), ` +
      'zones whose rounds cannot confirm any change are not judged. Baseline and Current are run-level medians per call.'
    );
  }
  return 'No zone could be judged: a verdict needs several rounds (runs of the whole suite in fresh workers) on each side.';
}

export function functionSummaryNote(comparison: FunctionRunComparison): string {
  if (comparison.baselineVersion === undefined) return 'V8 CPU profiles. No earlier run of this platform was found: nothing was compared.';
  return (
    `V8 CPU profiles, compared function by function. A change is confirmed when |Δ inclusive time| ≥ ${comparison.thresholdPercent}% ` +
    `and a two-proportion z-test on the function's share of samples gives p < ${comparison.alpha} in the same direction; ` +
    'larger changes the test cannot confirm (too few samples, or a share that did not move) are marked unconfirmed (?).'
  );
}

/** `noise: …` → `Noise: …`, as a line of its own. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
