import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { inputError } from '../errors.js';
import { gateFlags, withGateOptions } from './gate-options.js';
import { nonNegativeNumber, probability } from './number-options.js';

/** Rounds a side when none are asked for: with 10, a unimodal zone's 20 % change is confirmed nearly always (measured: 97–100 %). */
export const DEFAULT_AB_ROUNDS = 10;

function wholeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 200) throw new InvalidArgumentError(`"${text}" is not a whole number from 1 to 200`);
  return value;
}


export function abCommand(setExitCode: (code: number) => void): Command {
  return withGateOptions(new Command('ab'))
    .description('same-machine A/B: run the suite of a git ref and of the working tree alternately, round by round, store both and compare')
    .requiredOption('--base <ref>', 'the git ref to compare the working tree with (a branch, tag, sha, HEAD)')
    .option('--perf-rounds <n>', `rounds of each side (default ${DEFAULT_AB_ROUNDS})`, wholeNumber)
    .option('--runner <name>', 'vitest or jest (default: the one installed in the project)')
    .option('-o, --output <dir>', 'output directory (profiles.h5, the report)', 'perf')
    .option('--pdf-name <file>', 'file name of the PDF report')
    .option('--html', 'write the interactive HTML report beside the PDF (default)')
    .option('--no-html', 'do not write the HTML report')
    .option('--threshold <percent>', 'smallest change that counts', nonNegativeNumber)
    .option('--alpha <q>', 'false discovery rate over the compared zones', probability)
    .argument('[runner args...]', 'arguments for the runner, the same on both sides (after --)')
    .allowUnknownOption()
    .action(async (runnerArgs: string[], options: Record<string, string | number | boolean | undefined>) => {
      const { runAb } = await import('../session/ab-run.js');
      const runner = options.runner;
      if (runner !== undefined && runner !== 'vitest' && runner !== 'jest') throw inputError(undefined, `--runner is "${runner}"; expected vitest or jest`);
      const result = await runAb({
        cwd: process.cwd(),
        base: String(options.base),
        rounds: (options.perfRounds as number | undefined) ?? DEFAULT_AB_ROUNDS,
        ...(runner ? { runner } : {}),
        runnerArgs,
        outDir: resolve(String(options.output)),
        ...(typeof options.threshold === 'number' ? { threshold: options.threshold } : {}),
        ...(typeof options.alpha === 'number' ? { alpha: options.alpha } : {}),
        ...(typeof options.pdfName === 'string' ? { pdfName: options.pdfName } : {}),
        ...(typeof options.summaryJson === 'string' ? { summaryJson: resolve(options.summaryJson) } : {}),
        ...(typeof options.summaryMd === 'string' ? { summaryMd: resolve(options.summaryMd) } : {}),
        ...(gateFlags(options).failOnRegression ? { failOnRegression: true } : {}),
        ...(gateFlags(options).requireBaseline ? { requireBaseline: true } : {}),
        html: options.html !== false,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`${result.head.summary}\n${result.head.comparisonText}\n`);
      if (result.head.pdfPath) process.stdout.write(`report: ${result.head.pdfPath}\n`);
      if (result.head.gate) setExitCode(result.head.gate.exitCode);
      if (result.head.htmlPath) process.stdout.write(`html report: ${result.head.htmlPath}\n`);
    });
}
