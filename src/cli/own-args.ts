/** perf-report's own switches in a runner command line, each with the variable it becomes for the run. */
const OWN_FLAGS = {
  '--perf-output': 'output',
  '--perf-backend': 'backend',
  '--perf-rounds': 'rounds',
  '--perf-version': 'version',
  '--summary-json': 'summaryJson',
} as const;

type OwnFlag = keyof typeof OWN_FLAGS;
export type OwnChoices = { [Key in (typeof OWN_FLAGS)[OwnFlag]]: string | undefined };

/**
 * Splits perf-report's own switches (`--perf`, `--perf-output DIR`, `--perf-backend NAME`,
 * `--perf-rounds N`, `--perf-version V`, `--summary-json FILE`) from the arguments meant for the test runner, whose
 * CLI rejects flags it does not know. Values are checked by the run itself, which names the
 * valid choices.
 */
export function splitOwnArgs(args: readonly string[]): { runnerArgs: string[] } & OwnChoices {
  const runnerArgs: string[] = [];
  const own: OwnChoices = { output: undefined, backend: undefined, rounds: undefined, version: undefined, summaryJson: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--perf') continue;
    const flag = (Object.keys(OWN_FLAGS) as OwnFlag[]).find((name) => arg === name || arg.startsWith(`${name}=`));
    if (flag === undefined) {
      runnerArgs.push(arg);
      continue;
    }
    own[OWN_FLAGS[flag]] = arg === flag ? args[++i] : arg.slice(flag.length + 1);
  }
  return { runnerArgs, ...own };
}
