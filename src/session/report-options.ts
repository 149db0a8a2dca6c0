import type { GenerateOptions } from '../pipeline/generate.js';
import type { ResolvedPerfOptions } from './resolved-options.js';

/** What a perf run hands to `generate` besides its input, whichever recording made it. */
export function reportOptions(options: ResolvedPerfOptions): Partial<GenerateOptions> {
  return {
    html: options.html,
    ...(options.pdfName ? { pdfName: options.pdfName } : {}),
    ...(options.summaryJson ? { summaryJson: options.summaryJson } : {}),
    ...(options.summaryMd ? { summaryMd: options.summaryMd } : {}),
    ...(options.failOnRegression ? { failOnRegression: true } : {}),
    ...(options.requireBaseline ? { requireBaseline: true } : {}),
    ...(options.budgets === undefined ? {} : { budgets: options.budgets }),
    ...(options.baselineRef ? { baselineRef: options.baselineRef } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.coverage ? { coverage: options.coverage } : {}),
  };
}
