#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, EXIT_OK } from './exit-codes.js';
import { reportError } from './report-error.js';

type SetExitCode = (code: number) => void;

/**
 * Each command's module, loaded only when that command runs: `generate` pulls in pdfmake and
 * h5wasm, `ab` execa and the runners, `tracy` the capture tools; a run pays only for its own.
 * Help and an unknown word load them all (the help lists every command).
 */
const COMMANDS: Record<string, (setExitCode: SetExitCode) => Promise<Command[]>> = {
  generate: async (set) => [(await import('./generate-command.js')).generateCommand(set)],
  compare: async (set) => [(await import('./compare-command.js')).compareCommand(set)],
  merge: async () => [(await import('./merge-command.js')).mergeCommand()],
  list: async () => [(await import('./list-command.js')).listCommand()],
  ab: async (set) => [(await import('./ab-command.js')).abCommand(set)],
  tracy: async () => [(await import('./tracy-command.js')).tracyCommand()],
  runners: async (set) => (await import('./runner-commands.js')).runnerCommands(set),
};

async function commandsFor(word: string | undefined, setExitCode: SetExitCode): Promise<Command[]> {
  const name = word === 'vitest' || word === 'jest' ? 'runners' : word;
  const chosen = name !== undefined && Object.hasOwn(COMMANDS, name) ? [COMMANDS[name]!] : Object.values(COMMANDS);
  return (await Promise.all(chosen.map((load) => load(setExitCode)))).flat();
}

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
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const command of await commandsFor(argv[2], setExitCode)) program.addCommand(command);
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
