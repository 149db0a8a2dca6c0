import { Command } from 'commander';
import { historyLocation } from './compare-command.js';
import { preferOption } from './gate-options.js';

/**
 * `perf-report merge IN… -o OUT`: the histories of several CI jobs as one. Vitest's own
 * `--merge-reports` is the model: the runner shards, each job records its part, one step
 * combines them.
 */
export function mergeCommand(): Command {
  return new Command('merge')
    .description("combine profiles.h5 files (or directories holding them): a suite's shards become one run, every other run is copied")
    .argument('<inputs...>', 'profiles.h5 files, or directories holding one')
    .option('-o, --output <dir>', 'directory of the merged profiles.h5 (its runs are kept and merged with the inputs)')
    .option('--h5 <file>', 'the merged HDF5 file itself (instead of -o)')
    .addOption(preferOption())
    .action(async (inputs: string[], options: { output?: string; h5?: string; prefer?: 'newer' | 'older' }) => {
      const { inputError } = await import('../errors.js');
      if (!options.output && !options.h5) throw inputError(undefined, 'merge needs a destination: -o DIR or --h5 FILE');
      const { mergeHistories } = await import('../pipeline/merge-histories.js');
      const result = await mergeHistories({
        inputs,
        destination: historyLocation(options).h5Path,
        ...(options.prefer ? { prefer: options.prefer } : {}),
      });
      for (const line of result.lines) process.stdout.write(`perf-report: ${line}\n`);
      process.stdout.write(`merged ${inputs.length} histor${inputs.length === 1 ? 'y' : 'ies'} into ${result.destination}: ${result.runs} run${result.runs === 1 ? '' : 's'}\n`);
    });
}
