import { Command, Option } from 'commander';

/** The regression gate's and the summaries' flags, the same on generate, compare and ab. */
export function withGateOptions(command: Command): Command {
  return command
    .option('--fail-on-regression', 'exit 3 when a confirmed regression is over its budget (the threshold, or perf-report.config.json)')
    .option('--require-baseline', 'exit 2 when the gate checked nothing: no baseline, or no zone could be judged')
    .option('--summary-json <file>', 'also write the verdict as JSON to this file')
    .option('--summary-md <file>', 'also write a Markdown summary to this file (appended to $GITHUB_STEP_SUMMARY when set)');
}

/** `--prefer newer|older` for merge. */
export function preferOption(): Option {
  return new Option('--prefer <which>', 'of two different runs under one version and platform, keep the newer or the older (default: refuse)').choices(['newer', 'older']);
}

export interface GateFlags {
  failOnRegression?: boolean;
  requireBaseline?: boolean;
  summaryJson?: string;
  summaryMd?: string;
}

/** The flags as pipeline options, absent ones left out. */
export function gateFlags(options: Record<string, unknown>): GateFlags {
  return {
    ...(options.failOnRegression === true ? { failOnRegression: true } : {}),
    ...(options.requireBaseline === true ? { requireBaseline: true } : {}),
    ...(typeof options.summaryJson === 'string' ? { summaryJson: options.summaryJson } : {}),
    ...(typeof options.summaryMd === 'string' ? { summaryMd: options.summaryMd } : {}),
  };
}
