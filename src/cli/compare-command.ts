import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { gateFlags, withGateOptions } from './gate-options.js';
import { nonNegativeNumber, probability } from './number-options.js';


/** Where the history and the report are: `-o dir` (profiles.h5 in it), or `--h5 file` (the report beside it). */
export function historyLocation(options: { output?: string; h5?: string }): { h5Path: string; outDir: string } {
  const h5Path = options.h5 ?? join(options.output ?? 'perf', 'profiles.h5');
  return { h5Path, outDir: options.output ?? (options.h5 ? dirname(options.h5) : 'perf') };
}

/** `perf-report compare <current> [baseline]`: two stored runs, judged and reported as `generate` reports a new one. */
export function compareCommand(setExitCode: (code: number) => void): Command {
  return withGateOptions(new Command('compare'))
    .description('compare two stored runs (a version, +<sha> or @latest), print the summary and write the report and the summaries')
    .argument('<current>', 'the run to judge: a version as stored, +<sha> (the run of that commit) or @latest')
    .argument('[baseline]', "the run to judge it against, named the same ways (default: the current run's baseline, as generate chooses it)")
    .option('-o, --output <dir>', 'directory holding profiles.h5, where the PDF goes (default perf)')
    .option('--h5 <file>', 'the HDF5 file itself (the PDF goes beside it unless -o is given)')
    .option('--platform <id>', 'platform id (default <os>-<arch>-node<major>)')
    .option('--baseline-ref <ref>', "the stored run of the nearest ancestor of <ref>'s merge-base with HEAD, instead of [baseline]")
    .option('--pdf-name <file>', 'file name of the PDF report (default <name>.<current>-vs-<baseline>.pdf)')
    .option('--no-pdf', 'do not write the PDF')
    .option('--no-html', 'do not write the HTML report (<name>.<current>-vs-<baseline>.html)')
    .option('--threshold <percent>', 'smallest change that counts', nonNegativeNumber)
    .option('--alpha <q>', 'false discovery rate over the compared zones (significance level for functions)', probability)
    .action(async (current: string, baseline: string | undefined, options: Record<string, unknown>) => {
      const { compareStored } = await import('../pipeline/compare-stored.js');
      if (baseline !== undefined && typeof options.baselineRef === 'string') {
        const { inputError } = await import('../errors.js');
        throw inputError(undefined, 'give either a baseline run or --baseline-ref, not both');
      }
      const result = await compareStored({
        ...historyLocation(options as { output?: string; h5?: string }),
        current,
        ...(baseline !== undefined ? { baseline } : {}),
        ...(typeof options.baselineRef === 'string' ? { baselineRef: options.baselineRef } : {}),
        ...(typeof options.platform === 'string' ? { platform: options.platform } : {}),
        ...(typeof options.pdfName === 'string' ? { pdfName: options.pdfName } : {}),
        pdf: options.pdf !== false,
        html: options.html !== false,
        ...(typeof options.threshold === 'number' ? { threshold: options.threshold } : {}),
        ...(typeof options.alpha === 'number' ? { alpha: options.alpha } : {}),
        ...gateFlags(options),
      });
      process.stdout.write(`${result.comparisonText}\n`);
      if (result.pdfPath) process.stdout.write(`report: ${result.pdfPath}\n`);
      if (result.htmlPath) process.stdout.write(`html report: ${result.htmlPath}\n`);
      for (const failure of result.failedProfiles) {
        process.stderr.write(`perf-report: profile ${failure.profile} is a note in the report: ${failure.reason}\n`);
      }
      if (result.gate) setExitCode(result.gate.exitCode);
    });
}
