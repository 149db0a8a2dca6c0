#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, EXIT_OK } from './exit-codes.js';
import { abCommand } from './ab-command.js';
import { compareCommand } from './compare-command.js';
import { generateCommand } from './generate-command.js';
import { mergeCommand } from './merge-command.js';
import { listCommand } from './list-command.js';
import { reportError } from './report-error.js';
import { runnerCommands } from './runner-commands.js';
import { tracyCommand } from './tracy-command.js';

async function main(argv: string[]): Promise<number> {
  const runnerCommand = argv[2] === 'vitest' || argv[2] === 'jest';
  // A runner's own --debug belongs to the runner.
  const debug = !runnerCommand && argv.includes('--debug');
  let exitCode = EXIT_OK;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  const program = new Command('perf-report')
    .description('performance records for JavaScript test suites')
    .option('--debug', 'print stack traces')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .addCommand(generateCommand(setExitCode))
    .addCommand(compareCommand(setExitCode))
    .addCommand(mergeCommand())
    .addCommand(listCommand())
    .addCommand(abCommand(setExitCode))
    .addCommand(tracyCommand());
  for (const command of runnerCommands(setExitCode)) program.addCommand(command);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(runnerCommand ? argv : argv.filter((arg) => arg !== '--debug'));
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (usage errors) or the help text.
      return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    return reportError(error, debug);
  }
}

process.exitCode = await main(process.argv);
