import { Command, Option } from 'commander';
import { generate } from '../pipeline/generate.js';
import { gateFlags, withGateOptions } from './gate-options.js';
import { nonNegativeNumber, probability } from './number-options.js';


/** Repeatable options gather their values in order. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function generateCommand(setExitCode: (code: number) => void): Command {
  return withGateOptions(new Command('generate'))
    .description('extract zone (or V8 CPU-profile function) statistics, store them in <out>/profiles.h5 and write the report')
    .requiredOption('-i, --input <path>', 'a .csv/.tracy/.cpuprofile file, or a directory of them')
    .option('-o, --output <dir>', 'output directory (profiles.h5, the PDF)', 'perf')
    .addOption(new Option('--backend <backend>', 'input kind').choices(['auto', 'tracy', 'cpuprofile']).default('auto'))
    .option('--pdf-name <file>', 'file name of the PDF report (default <name>.<version>.pdf)')
    .option('--html', 'write the interactive HTML report <name>.<version>.html beside the PDF (default)')
    .option('--no-html', 'do not write the HTML report')
    .option('--no-h5', 'do not store this run in profiles.h5 (an existing history is still read)')
    .option('--version <version>', 'version of the measured package (default: nearest package.json); git: <that version>+<short sha>')
    .option('--platform <id>', 'platform id (default <os>-<arch>-node<major>)')
    .option('--name <name>', 'project name (default: nearest package.json)')
    .option('--baseline <version>', 'compare with this stored run: a version, +<sha> or @latest (default: the previous one)')
    .option('--baseline-ref <ref>', "compare with the stored run of the nearest ancestor of <ref>'s merge-base with HEAD")
    .option('--shard <i/n>', 'the input is shard i of n of a suite: store it as a partial run for perf-report merge')
    .option('--no-compare', 'do not compare with a baseline')
    .option('--threshold <percent>', 'smallest |Δ mean| (zones) or |Δ inclusive time| (functions) that counts as a change', nonNegativeNumber, 5)
    .option('--alpha <p>', "significance level (Welch's t-test for zones, the sample-share z-test for functions)", probability, 0.01)
    .option('--include <glob>', 'cpuprofile: keep only functions whose file matches (repeatable; e.g. "src/**")', collect, [])
    .option('--exclude <glob>', 'cpuprofile: drop functions whose file matches (repeatable; e.g. "node:**", "**/node_modules/**")', collect, [])
    .action(async (options: Record<string, string | boolean | string[] | undefined>) => {
      const result = await generate({
        input: options.input as string,
        outDir: options.output as string,
        backend: options.backend as 'auto' | 'tracy' | 'cpuprofile',
        h5: options.h5 as boolean,
        html: options.html !== false,
        ...(typeof options.pdfName === 'string' ? { pdfName: options.pdfName } : {}),
        ...(typeof options.version === 'string' ? { version: options.version } : {}),
        ...(typeof options.platform === 'string' ? { platform: options.platform } : {}),
        ...(typeof options.name === 'string' ? { name: options.name } : {}),
        ...(typeof options.baseline === 'string' ? { baseline: options.baseline } : {}),
        ...(typeof options.baselineRef === 'string' ? { baselineRef: options.baselineRef } : {}),
        ...(typeof options.shard === 'string' ? { shard: options.shard } : {}),
        ...gateFlags(options),
        compare: options.compare as boolean,
        threshold: options.threshold as unknown as number,
        alpha: options.alpha as unknown as number,
        include: options.include as string[],
        exclude: options.exclude as string[],
      });
      process.stdout.write(`${result.summary}\n${result.comparisonText}\n`);
      if (result.h5Path) process.stdout.write(`stored in ${result.h5Path}\n`);
      process.stdout.write(`report: ${result.pdfPath}\n`);
      if (result.htmlPath) process.stdout.write(`html report: ${result.htmlPath}\n`);
      for (const failure of result.failedProfiles) {
        process.stderr.write(`perf-report: profile ${failure.profile} is a note in the report: ${failure.reason}\n`);
      }
      if (result.gate) setExitCode(result.gate.exitCode);
    });
}
