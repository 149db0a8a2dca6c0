/**
 * Splits perf-report's own switches (`--perf`, `--perf-output DIR`) from the arguments
 * meant for the test runner, whose CLI rejects flags it does not know.
 */
export function splitOwnArgs(args: readonly string[]): { runnerArgs: string[]; output: string | undefined } {
  const runnerArgs: string[] = [];
  let output: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--perf') continue;
    if (arg === '--perf-output') {
      output = args[++i];
      continue;
    }
    if (arg.startsWith('--perf-output=')) {
      output = arg.slice('--perf-output='.length);
      continue;
    }
    runnerArgs.push(arg);
  }
  return { runnerArgs, output };
}
