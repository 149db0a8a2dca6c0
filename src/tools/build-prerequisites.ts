import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { workError } from '../errors.js';
import { findOnPath } from './find-executable.js';

/** What the build runs, checked before anything is downloaded or configured. */
export interface BuildTools {
  cmake: string;
  cmakeVersion: string;
  cxx: string;
  cc: string;
  /** CMake's generator: its default (Unix Makefiles) when make is there, else Ninja. */
  generator: 'Unix Makefiles' | 'Ninja';
  /** The program of that generator. */
  buildProgram: string;
  /** Only when the source is an archive to unpack. */
  tar: string | undefined;
  /** CMake fetches Tracy's dependencies with git; without it only local sources work. */
  git: string | undefined;
}

/** The install commands of each prerequisite on the systems users ask about. */
interface InstallHint {
  debian: string;
  macos: string;
  fedora: string;
}

const HINTS: Record<'cmake' | 'compiler' | 'make' | 'tar', InstallHint> = {
  cmake: { debian: 'cmake', macos: 'brew install cmake', fedora: 'cmake' },
  // g++ brings gcc (the C compiler Tracy's projects also enable) with it.
  compiler: { debian: 'g++', macos: 'xcode-select --install', fedora: 'gcc-c++' },
  make: { debian: 'make', macos: 'xcode-select --install', fedora: 'make' },
  // macOS has tar.
  tar: { debian: 'tar', macos: '', fedora: 'tar' },
};

/** Tracy's capture/ and csvexport/ CMakeLists.txt ask for 3.16. */
const MIN_CMAKE = [3, 16] as const;

/**
 * Checks cmake, a C++20 and a C compiler (CXX/CC or the usual names on PATH, each tried on a
 * tiny program), make or ninja, and tar when an archive is to be unpacked. Everything missing
 * is named in one error line with the commands that install it on Debian/Ubuntu, macOS and
 * Fedora, so one round of installing is enough.
 */
export async function checkBuildPrerequisites(needs: { tar: boolean }, env: NodeJS.ProcessEnv = process.env): Promise<BuildTools> {
  const missing: { what: string; hint: keyof typeof HINTS }[] = [];
  const cmake = findOnPath('cmake', env);
  let cmakeVersion = '';
  if (!cmake) missing.push({ what: 'cmake', hint: 'cmake' });
  else {
    cmakeVersion = await readCmakeVersion(cmake, env);
    const [major = 0, minor = 0] = cmakeVersion.split('.').map(Number);
    if (major < MIN_CMAKE[0] || (major === MIN_CMAKE[0] && minor < MIN_CMAKE[1])) {
      missing.push({ what: `cmake ≥ ${MIN_CMAKE.join('.')} (${cmake} is ${cmakeVersion || 'of an unknown version'})`, hint: 'cmake' });
    }
  }
  const scratch = await mkdtemp(join(tmpdir(), 'perf-report-cc-'));
  let cxx: string | undefined;
  let cc: string | undefined;
  try {
    cxx = await firstWorkingCompiler(compilerCandidates(env.CXX, ['c++', 'g++', 'clang++'], env), 'c++', scratch, env);
    cc = await firstWorkingCompiler(compilerCandidates(env.CC, ['cc', 'gcc', 'clang'], env), 'c', scratch, env);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  if (!cxx) missing.push({ what: `a C++20 compiler${env.CXX ? ` (CXX=${env.CXX} does not compile C++20)` : ''}`, hint: 'compiler' });
  if (!cc) missing.push({ what: `a C compiler${env.CC ? ` (CC=${env.CC} does not work)` : ''}`, hint: 'compiler' });
  const make = findOnPath('make', env) ?? findOnPath('gmake', env);
  const ninja = make ? undefined : findOnPath('ninja', env);
  if (!make && !ninja) missing.push({ what: 'make (or ninja)', hint: 'make' });
  const tar = needs.tar ? findOnPath('tar', env) : undefined;
  if (needs.tar && !tar) missing.push({ what: 'tar (to unpack the source archive)', hint: 'tar' });

  if (missing.length > 0 || !cmake || !cxx || !cc || !(make ?? ninja)) {
    throw workError(undefined, `cannot build Tracy's tools: missing ${missing.map((m) => m.what).join(', ')}. ${installLine(missing.map((m) => m.hint))}`);
  }
  return {
    cmake,
    cmakeVersion,
    cxx,
    cc,
    generator: make ? 'Unix Makefiles' : 'Ninja',
    buildProgram: (make ?? ninja) as string,
    tar,
    git: findOnPath('git', env),
  };
}

/** "Install them: Debian/Ubuntu: sudo apt-get install cmake g++; macOS: …; Fedora: sudo dnf install …". */
function installLine(hints: (keyof typeof HINTS)[]): string {
  const unique = [...new Set(hints)].map((hint) => HINTS[hint]);
  const packages = (pick: (hint: InstallHint) => string) => [...new Set(unique.map(pick))].join(' ');
  const macos = [...new Set(unique.map((hint) => hint.macos).filter(Boolean))].join(' && ');
  return (
    `Install ${hints.length === 1 ? 'it' : 'them'}: Debian/Ubuntu: sudo apt-get install ${packages((hint) => hint.debian)}; ` +
    `${macos ? `macOS: ${macos}; ` : ''}Fedora: sudo dnf install ${packages((hint) => hint.fedora)}`
  );
}

async function readCmakeVersion(cmake: string, env: NodeJS.ProcessEnv): Promise<string> {
  const result = await execa(cmake, ['--version'], { reject: false, env, stdin: 'ignore' });
  return /cmake version (\d+\.\d+(?:\.\d+)?)/.exec(result.stdout)?.[1] ?? '';
}

/** CXX/CC when set (CMake would take it too), else the usual names found on PATH. */
function compilerCandidates(fromEnv: string | undefined, names: string[], env: NodeJS.ProcessEnv): string[] {
  if (fromEnv) return [fromEnv.includes('/') ? fromEnv : (findOnPath(fromEnv, env) ?? fromEnv)];
  return names.map((name) => findOnPath(name, env)).filter((path) => path !== undefined);
}

/**
 * The first compiler that builds a tiny program: for C++, one that insists on C++20, which
 * Tracy is written in (its CMakeLists set CMAKE_CXX_STANDARD 20). A compiler that is there
 * but too old fails here rather than minutes into the build.
 */
async function firstWorkingCompiler(candidates: string[], language: 'c' | 'c++', scratch: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const program =
    language === 'c++'
      ? '#if __cplusplus < 202002L\n#error "not C++20"\n#endif\n#include <concepts>\nint main() { return 0; }\n'
      : 'int main(void) { return 0; }\n';
  const flags = language === 'c++' ? ['-std=c++20'] : [];
  for (const compiler of candidates) {
    const result = await execa(compiler, [...flags, '-x', language, '-', '-o', join(scratch, 'probe')], {
      input: program,
      reject: false,
      env,
    });
    if (result.exitCode === 0) return compiler;
  }
  return undefined;
}
