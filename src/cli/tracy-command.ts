import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { inputError, workError } from '../errors.js';

function parseJobs(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`"${text}" is not a positive whole number`);
  return value;
}

/** `zstd=/src/zstd` → { zstd: '/src/zstd' }; a missing directory is bad input. */
function parseDependencySources(values: string[]): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const value of values) {
    const match = /^([A-Za-z0-9_.+-]+)=(.+)$/.exec(value);
    if (!match) throw inputError(undefined, `--dependency-source "${value}" is not NAME=DIR`);
    const dir = resolve(match[2] as string);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw inputError(match[2], 'no such directory (--dependency-source NAME=DIR)');
    sources[match[1] as string] = dir;
  }
  return sources;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `perf-report tracy build|which`: getting Tracy's capture and export tools, the original
 * tool's `bundle tracy build` step. The build and the lookup are loaded on use.
 */
export function tracyCommand(): Command {
  const build = new Command('build')
    .description("build Tracy's tracy-capture and tracy-csvexport (CMake, Release) and install them into a per-user cache")
    .option('--version <version>', 'the Tracy release (default: the one in --source, else 0.13.1)')
    .option('--source <dir|archive|url>', "a Tracy checkout, a .tar.gz/.tgz of one, or an http(s) URL of one (default: the release's archive from Tracy's GitHub repository)")
    .option('--prefix <dir>', 'install into <dir>/bin (default: $XDG_CACHE_HOME/perf-report/tracy/<version>, where the backends look)')
    .option('--jobs <n>', 'parallel compile jobs (default: the number of CPUs)', parseJobs)
    .option('--dependency-source <name=dir>', "a local source of a dependency Tracy's CMake would download (its CPM name, e.g. zstd=DIR; repeatable): for a build without network", collect, [])
    .option('--cmake-arg <arg>', 'one more argument for both CMake configure steps, e.g. -DDOWNLOAD_CAPSTONE=OFF (repeatable)', collect, [])
    .action(async (options: { version?: string; source?: string; prefix?: string; jobs?: number; cmakeArg: string[]; dependencySource: string[] }) => {
      const { buildTracyTools } = await import('../tools/tracy-build.js');
      const result = await buildTracyTools({
        version: options.version,
        source: options.source,
        prefix: options.prefix,
        jobs: options.jobs,
        cmakeArgs: options.cmakeArg,
        dependencySources: parseDependencySources(options.dependencySource),
        progress: (line) => process.stdout.write(`${line}\n`),
        failureTail: (tail) => process.stderr.write(`${tail}\n`),
      });
      const bin = `${result.prefix}/bin`;
      const where = result.inCache
        ? 'the tracy and auto backends find them there'
        : `point TRACY_CAPTURE and TRACY_CSVEXPORT at them, or put ${bin} on PATH`;
      process.stdout.write(`done: Tracy ${result.version}${result.protocol === undefined ? '' : ` (protocol ${result.protocol})`} in ${bin}; ${where}\n`);
    });

  const which = new Command('which')
    .description('print the tracy-capture and tracy-csvexport the backends would use, where they were found, their version and whether they are usable')
    .option('--capture <path>', 'as the tracyCapture option')
    .option('--csvexport <path>', 'as the tracyCsvexport option')
    .action(async (options: { capture?: string; csvexport?: string }) => {
      const { describeTracyTools } = await import('../tools/tracy-which.js');
      const description = describeTracyTools({ capture: options.capture, csvexport: options.csvexport });
      process.stdout.write(description.lines.map((line) => `${line}\n`).join(''));
      if (description.problem) throw workError(undefined, description.problem);
    });

  const tracy = new Command('tracy').description("Tracy's capture and export tools: build them, or show which are used");
  for (const command of [build, which]) tracy.addCommand(command.exitOverride());
  return tracy.exitOverride();
}
