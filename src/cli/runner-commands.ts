import { Command } from 'commander';

/**
 * `perf-report vitest …` and `perf-report jest …`: the project's own runner in perf mode
 * (the original tool's `bundle testing python pytest --perf`). Everything after the command goes to
 * the runner except `--perf-output DIR`; the exit code is the runner's.
 */
export function runnerCommands(setExitCode: (code: number) => void): Command[] {
  const command = (runner: 'vitest' | 'jest') =>
    new Command(runner)
      .description(`run this project's ${runner} in perf mode (${runner} arguments pass through; --perf-output DIR sets the output, --perf-backend auto|tracy|embedded|cpuprofile the backend; also --perf-rounds N, --perf-version V|git, --fail-on-regression, --require-baseline, --baseline-ref REF, --summary-md FILE, --summary-json FILE)`)
      .argument('[args...]', `arguments for ${runner}`)
      .allowUnknownOption()
      .helpOption(false)
      .action(async (args: string[]) => {
        // Loaded on use: the plain `generate`/`list` commands need none of the runner code.
        const { runVitestInPerfMode, runJestInPerfMode } = await import('./launch-runner.js');
        const run = runner === 'vitest' ? runVitestInPerfMode : runJestInPerfMode;
        setExitCode(await run(args));
      });
  return [command('vitest'), command('jest')];
}
