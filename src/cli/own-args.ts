/**
 * Splits perf-report's own switches (`--perf`, `--perf-output DIR`, `--perf-backend NAME`)
 * from the arguments meant for the test runner, whose CLI rejects flags it does not know.
 */
export function splitOwnArgs(args: readonly string[]): { runnerArgs: string[]; output: string | undefined; backend: string | undefined } {
  const runnerArgs: string[] = [];
  const own: Record<'--perf-output' | '--perf-backend', string | undefined> = { '--perf-output': undefined, '--perf-backend': undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--perf') continue;
    const flag = (Object.keys(own) as Array<keyof typeof own>).find((name) => arg === name || arg.startsWith(`${name}=`));
    if (flag === undefined) {
      runnerArgs.push(arg);
      continue;
    }
    own[flag] = arg === flag ? args[++i] : arg.slice(flag.length + 1);
  }
  return { runnerArgs, output: own['--perf-output'], backend: own['--perf-backend'] };
}
