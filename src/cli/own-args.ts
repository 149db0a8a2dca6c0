/** perf-report's own switches in a runner command line, each with the variable it becomes for the run. */
const OWN_FLAGS = {
  '--perf-output': 'output',
  '--perf-backend': 'backend',
  '--perf-rounds': 'rounds',
  '--perf-version': 'version',
  '--summary-json': 'summaryJson',
  '--summary-md': 'summaryMd',
  '--baseline-ref': 'baselineRef',
} as const;

/** Switches without a value: present means `true`. */
const OWN_SWITCHES = {
  '--fail-on-regression': 'failOnRegression',
  '--require-baseline': 'requireBaseline',
} as const;

type OwnFlag = keyof typeof OWN_FLAGS;
type OwnSwitch = keyof typeof OWN_SWITCHES;
export type OwnChoices = { [Key in (typeof OWN_FLAGS)[OwnFlag] | (typeof OWN_SWITCHES)[OwnSwitch]]: string | undefined };

/**
 * Splits perf-report's own switches (`--perf`, `--perf-output DIR`, `--perf-backend NAME`,
 * `--perf-rounds N`, `--perf-version V`, `--summary-json FILE`, `--summary-md FILE`,
 * `--baseline-ref REF`, `--fail-on-regression`, `--require-baseline`) from the arguments meant
 * for the test runner, whose CLI rejects flags it does not know. Values are checked by the run
 * itself, which names the valid choices.
 */
export function splitOwnArgs(args: readonly string[]): { runnerArgs: string[] } & OwnChoices {
  const runnerArgs: string[] = [];
  const own: OwnChoices = {
    output: undefined,
    backend: undefined,
    rounds: undefined,
    version: undefined,
    summaryJson: undefined,
    summaryMd: undefined,
    baselineRef: undefined,
    failOnRegression: undefined,
    requireBaseline: undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--perf') continue;
    if (arg in OWN_SWITCHES) {
      own[OWN_SWITCHES[arg as OwnSwitch]] = 'true';
      continue;
    }
    const flag = (Object.keys(OWN_FLAGS) as OwnFlag[]).find((name) => arg === name || arg.startsWith(`${name}=`));
    if (flag === undefined) {
      runnerArgs.push(arg);
      continue;
    }
    own[OWN_FLAGS[flag]] = arg === flag ? args[++i] : arg.slice(flag.length + 1);
  }
  return { runnerArgs, ...own };
}
