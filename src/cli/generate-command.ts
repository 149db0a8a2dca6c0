import { Command, Option } from 'commander';
import { generate } from '../pipeline/generate.js';

export function generateCommand(): Command {
  return new Command('generate')
    .description('extract zone statistics, store them in <out>/profiles.h5 and write the report')
    .requiredOption('-i, --input <path>', 'a .csv/.tracy file, or a directory of them')
    .option('-o, --output <dir>', 'output directory (profiles.h5, the PDF)', 'perf')
    .addOption(new Option('--backend <backend>', 'input kind').choices(['auto', 'tracy', 'cpuprofile']).default('auto'))
    .option('--pdf-name <file>', 'file name of the PDF report (default <name>.<version>.pdf)')
    .option('--no-h5', 'do not store this run in profiles.h5 (an existing history is still read)')
    .option('--version <version>', 'version of the measured package (default: nearest package.json)')
    .option('--platform <id>', 'platform id (default <os>-<arch>-node<major>)')
    .option('--name <name>', 'project name (default: nearest package.json)')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const result = await generate({
        input: options.input as string,
        outDir: options.output as string,
        backend: options.backend as 'auto' | 'tracy' | 'cpuprofile',
        h5: options.h5 as boolean,
        ...(typeof options.pdfName === 'string' ? { pdfName: options.pdfName } : {}),
        ...(typeof options.version === 'string' ? { version: options.version } : {}),
        ...(typeof options.platform === 'string' ? { platform: options.platform } : {}),
        ...(typeof options.name === 'string' ? { name: options.name } : {}),
      });
      process.stdout.write(`${result.summary}\n`);
      if (result.h5Path) process.stdout.write(`stored in ${result.h5Path}\n`);
      if (result.pdfPath) process.stdout.write(`report: ${result.pdfPath}\n`);
    });
}
