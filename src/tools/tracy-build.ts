import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chmod, copyFile, cp, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa, execaSync } from 'execa';
import semver from 'semver';
import { inputError, PerfReportError, workError } from '../errors.js';
import { tempPathFor } from '../fs/atomic-write.js';
import { checkBuildPrerequisites, type BuildTools } from './build-prerequisites.js';
import { writeBuildRecord } from './tracy-build-record.js';
import { tracyCachePrefix, tracyDependencyCache } from './tracy-cache.js';
import { classifySource, obtainTracySource, readSourceRelease, type SourceKind } from './tracy-source.js';
import { inspectTracyTool, tracyPairProblem, type TracyToolReport } from './tracy-tool-check.js';
import type { TracyToolName } from './tracy-tools.js';
import { normalizeTracyVersion, parseTracyVersion, protocolOfRelease, releaseProblem } from './tracy-version.js';

/** The release built when --version is not given: the newest whose protocol the client speaks first (76). */
export const DEFAULT_TRACY_VERSION = '0.13.1';

export interface TracyBuildOptions {
  /** --version as typed; undefined: the source's own, else DEFAULT_TRACY_VERSION. */
  version?: string | undefined;
  /** --source: a checkout, a .tar.gz/.tgz, or an http(s) URL of one; undefined: the release archive. */
  source?: string | undefined;
  /** --prefix; undefined: the per-user cache directory of the release. */
  prefix?: string | undefined;
  jobs?: number | undefined;
  /** More arguments for both configure steps (e.g. -DCPM_zstd_SOURCE=DIR for an offline build). */
  cmakeArgs?: readonly string[];
  /**
   * Local sources of the dependencies Tracy's CMake would download (CPM package name → dir),
   * for a build without network: --dependency-source zstd=DIR.
   */
  dependencySources?: Readonly<Record<string, string>>;
  env?: NodeJS.ProcessEnv;
  /** One line per stage. */
  progress(line: string): void;
  /** The end of the build log, when a step fails. */
  failureTail(text: string): void;
}

export interface TracyBuildResult {
  version: string;
  protocol: number | undefined;
  prefix: string;
  /** Whether prefix is the cache, where the backends look by themselves. */
  inCache: boolean;
  tools: Record<'capture' | 'csvexport', TracyToolReport>;
}

/** The two CMake projects and the program each makes (its CMake target has the same name). */
const PROJECTS: readonly { dir: string; tool: TracyToolName }[] = [
  { dir: 'capture', tool: 'tracy-capture' },
  { dir: 'csvexport', tool: 'tracy-csvexport' },
];

const STAGES = 5;
const TAIL_LINES = 30;

/**
 * `perf-report tracy build`: checks the build tools, gets the source, configures and builds
 * Tracy's capture/ and csvexport/ projects (Release) in a temporary directory, and installs
 * the two programs into `<prefix>/bin` with a record of the release. Everything the compiler
 * says goes to a log; the temporary directory is removed on success and kept on failure.
 */
export async function buildTracyTools(options: TracyBuildOptions): Promise<TracyBuildResult> {
  const env = options.env ?? process.env;
  const requested = options.version === undefined ? undefined : normalizeTracyVersion(options.version);
  if (options.version !== undefined && requested === undefined) {
    throw inputError(undefined, `--version "${options.version}" is not a Tracy release number such as ${DEFAULT_TRACY_VERSION}`);
  }
  // Known to be of no use to the client: said before minutes of downloading and compiling.
  if (requested && protocolOfRelease(requested) !== undefined) refuseRelease(requested, undefined, `--version ${requested}`);
  const source = classifySource(options.source, requested ?? DEFAULT_TRACY_VERSION);
  const jobs = options.jobs ?? availableParallelism();
  const stage = (n: number, text: string) => options.progress(`[${n}/${STAGES}] ${text}`);

  const tools = await checkBuildPrerequisites({ tar: source.kind !== 'dir' }, env);
  stage(1, `build tools: cmake ${tools.cmakeVersion}, C++ ${tools.cxx}, C ${tools.cc}, ${tools.generator} (${tools.buildProgram})`);

  const work = await mkdtemp(join(tmpdir(), 'perf-report-tracy-build-'));
  const log = join(work, 'build.log');
  let keepWork = false;
  try {
    stage(2, `source: ${describeSource(source)}`);
    const root = await obtainTracySource(source, work, tools.tar, (line) => options.progress(`      ${line}`));
    const fromSource = readSourceRelease(root);
    if (fromSource.version) {
      if (requested && fromSource.version !== requested) {
        throw inputError(options.source, `is Tracy ${fromSource.version}, not the ${requested} that --version asks for`);
      }
      refuseRelease(fromSource.version, fromSource.protocol, options.source ?? describeSource(source));
      options.progress(`      Tracy ${fromSource.version}${fromSource.protocol === undefined ? '' : `, protocol ${fromSource.protocol}`}`);
    }

    keepWork = true;
    options.progress(`      log: ${log}`);
    const configureArgs = [...tracyCmakeOptions(root, env), ...(options.cmakeArgs ?? [])];
    const buildEnv = { ...env, CPM_SOURCE_CACHE: env.CPM_SOURCE_CACHE || tracyDependencyCache(env) };
    const built: Partial<Record<TracyToolName, string>> = {};
    for (const [index, project] of PROJECTS.entries()) {
      const buildDir = join(work, `build-${project.dir}`);
      stage(3 + index, `${project.tool}: configure (Release), build with ${jobs} job${jobs === 1 ? '' : 's'}`);
      const dependencies = await copyDependencySources(options.dependencySources ?? {}, join(work, `dependencies-${project.dir}`));
      await runStep(log, `${project.tool}: configure`, tools.cmake, cmakeConfigureArgs(tools, join(root, project.dir), buildDir, [...dependencies, ...configureArgs]), buildEnv, options);
      await runStep(log, `${project.tool}: build`, tools.cmake, ['--build', buildDir, '--parallel', String(jobs), '--target', project.tool], buildEnv, options);
      built[project.tool] = findBuiltProgram(buildDir, project.tool, log);
    }

    // A tree without version headers: the built program's own word, else what was asked for.
    const printed = await printedVersion(built['tracy-capture'] as string);
    if (fromSource.version && printed && printed !== fromSource.version) {
      throw workError(built['tracy-capture'], `prints version ${printed} but its source says ${fromSource.version}`);
    }
    const version = fromSource.version ?? printed ?? requested ?? DEFAULT_TRACY_VERSION;
    if (requested && version !== requested) throw inputError(options.source, `built Tracy ${version}, not the ${requested} that --version asks for`);
    const protocol = fromSource.protocol ?? protocolOfRelease(version);
    if (!fromSource.version) refuseRelease(version, protocol, options.source ?? describeSource(source));

    const prefix = options.prefix ? resolve(options.prefix) : tracyCachePrefix(version, env);
    const binDir = join(prefix, 'bin');
    stage(5, `install into ${binDir}`);
    const sizes: Record<string, { size: number }> = {};
    for (const { tool } of PROJECTS) sizes[tool] = { size: await install(built[tool] as string, join(binDir, tool)) };
    await writeBuildRecord(prefix, {
      version,
      protocol,
      source: source.kind === 'url' ? source.url : source.path,
      builtAt: new Date().toISOString(),
      tools: sizes,
    });
    const capture = inspectTracyTool('tracy-capture', join(binDir, 'tracy-capture'));
    const csvexport = inspectTracyTool('tracy-csvexport', join(binDir, 'tracy-csvexport'));
    const problem = tracyPairProblem(capture, csvexport);
    if (problem) throw workError(undefined, `the installed tools cannot be used: ${problem}`);
    keepWork = false;
    return { version, protocol, prefix, inCache: options.prefix === undefined, tools: { capture, csvexport } };
  } catch (error) {
    // The build directory is kept for a failed step's log; a refused source leaves nothing worth keeping.
    if (error instanceof PerfReportError && error.kind === 'input') keepWork = false;
    throw error;
  } finally {
    if (!keepWork) await rm(work, { recursive: true, force: true });
  }
}

function describeSource(source: SourceKind): string {
  return source.kind === 'url' ? source.url : source.path;
}

/** Throws the release's problem as bad input, naming what chose it. */
function refuseRelease(version: string, protocol: number | undefined, named: string | undefined): void {
  const problem = releaseProblem(version, protocol);
  if (problem) throw inputError(named, `${problem}; build ${DEFAULT_TRACY_VERSION} (the default) or a 0.14.x release`);
}

/**
 * Options for Tracy's own CMake files (cmake/vendor.cmake of 0.13), passed only to a tree
 * that has them, i.e. that fetches its dependencies with CPM:
 * - NO_FILESELECTOR=ON: the GUI's file dialog (nativefiledialog-extended, which also wants
 *   D-Bus) is neither built nor downloaded; neither tool uses it;
 * - DOWNLOAD_CAPSTONE=OFF only when pkg-config finds capstone 6 or newer: Tracy's server code
 *   uses capstone 6 names (CS_ARCH_AARCH64) that 4 and 5, the versions Debian and Ubuntu
 *   ship, lack, so an older system capstone would fail the build.
 */
function tracyCmakeOptions(root: string, env: NodeJS.ProcessEnv): string[] {
  if (!existsSync(join(root, 'cmake', 'CPM.cmake'))) return [];
  const args = ['-DNO_FILESELECTOR=ON'];
  if (systemCapstoneVersion(env) !== undefined) args.push('-DDOWNLOAD_CAPSTONE=OFF');
  return args;
}

function systemCapstoneVersion(env: NodeJS.ProcessEnv): string | undefined {
  const result = execaSync('pkg-config', ['--modversion', 'capstone'], { env, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0) return undefined;
  const version = semver.coerce(result.stdout);
  return version && semver.gte(version, '6.0.0') ? version.version : undefined;
}

/**
 * CPM takes a package from `-DCPM_<name>_SOURCE=DIR` instead of downloading it, but applies
 * the package's patches (Tracy patches ImGui, PPQSort and tidy) to DIR itself: a second
 * configure (csvexport/ after capture/, or the next build) would patch it again and fail.
 * Each project therefore gets its own copy, and the user's directories stay as they were.
 */
async function copyDependencySources(sources: Readonly<Record<string, string>>, into: string): Promise<string[]> {
  const args: string[] = [];
  for (const [name, dir] of Object.entries(sources)) {
    const copy = join(into, name);
    await cp(dir, copy, { recursive: true, verbatimSymlinks: true });
    args.push(`-DCPM_${name}_SOURCE=${copy}`);
  }
  return args;
}

function cmakeConfigureArgs(tools: BuildTools, sourceDir: string, buildDir: string, extra: readonly string[]): string[] {
  return [
    '-S',
    sourceDir,
    '-B',
    buildDir,
    ...(tools.generator === 'Ninja' ? ['-G', 'Ninja', `-DCMAKE_MAKE_PROGRAM=${tools.buildProgram}`] : []),
    '-DCMAKE_BUILD_TYPE=Release',
    // The compilers checked above, not whatever CMake would find first.
    `-DCMAKE_CXX_COMPILER=${tools.cxx}`,
    `-DCMAKE_C_COMPILER=${tools.cc}`,
    ...extra,
  ];
}

/** Runs one cmake step with its output appended to the log; on failure prints the log's end and throws. */
async function runStep(
  log: string,
  what: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: Pick<TracyBuildOptions, 'failureTail'>,
): Promise<void> {
  await appendFile(log, `\n$ ${[command, ...args].join(' ')}\n`);
  const result = await execa(command, args, {
    env,
    extendEnv: false,
    stdin: 'ignore',
    stdout: { file: log, append: true },
    stderr: { file: log, append: true },
    reject: false,
  });
  if (result.exitCode === 0) return;
  const text = await readFile(log, 'utf8');
  const tail = text.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
  options.failureTail(tail);
  const status = result.exitCode === undefined ? result.shortMessage : `exit ${result.exitCode}`;
  const downloads = /Failed to clone|unable to access|Could not resolve host|download failed|Couldn't resolve/i.test(text)
    ? "; Tracy's CMake could not download its dependencies: it needs network, or their sources given with --dependency-source NAME=DIR"
    : '';
  throw workError(log, `${what} failed (${status})${downloads}; the build directory is kept: ${join(log, '..')}`);
}

/** The program a build made: at the top of the build directory (or in Release/ for multi-config generators). */
function findBuiltProgram(buildDir: string, tool: string, log: string): string {
  for (const candidate of [join(buildDir, tool), join(buildDir, 'Release', tool), join(buildDir, 'bin', tool)]) {
    if (existsSync(candidate)) return candidate;
  }
  const found = searchFile(buildDir, tool, 3);
  if (found) return found;
  throw workError(log, `the build of ${tool} succeeded but made no ${tool} in ${buildDir}`);
}

function searchFile(dir: string, name: string, depth: number): string | undefined {
  if (depth < 0) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === name) return join(dir, entry.name);
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // _deps holds the downloaded dependencies, CMakeFiles CMake's own checks.
    if (!entry.isDirectory() || entry.name === '_deps' || entry.name === 'CMakeFiles') continue;
    const found = searchFile(join(dir, entry.name), name, depth - 1);
    if (found) return found;
  }
  return undefined;
}

async function printedVersion(program: string): Promise<string | undefined> {
  const result = await execa(program, [], { reject: false, stdin: 'ignore', all: true, timeout: 15_000 });
  return parseTracyVersion(String(result.all ?? ''));
}

/** Copies through a temp file and a rename, so a running tool is never overwritten in place. */
async function install(from: string, to: string): Promise<number> {
  await mkdir(join(to, '..'), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw workError(join(to, '..'), `cannot create the install directory: ${error.message}`, error);
  });
  const temp = tempPathFor(to);
  try {
    await copyFile(from, temp);
    await chmod(temp, 0o755);
    await rename(temp, to);
  } catch (error) {
    await rm(temp, { force: true });
    throw workError(to, `cannot install: ${(error as Error).message}`, error);
  }
  return (await stat(to)).size;
}
