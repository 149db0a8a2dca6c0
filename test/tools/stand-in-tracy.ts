import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StandInOptions {
  /** The release the tree says it is. */
  version: string;
  /** ProtocolVersion in its TracyProtocol.hpp. */
  protocol?: number;
  /**
   * Whether its programs print their version on top of the usage text, as Tracy's do from
   * 0.14 on (`tracy-capture 0.14.0 / <git ref>`); 0.13.x and older print none.
   */
  printsVersion?: boolean;
  /** Whether the tree has public/common/TracyVersion.hpp and TracyProtocol.hpp. */
  headers?: boolean;
}

/**
 * A stand-in for Tracy's source tree, small enough to build in seconds: its layout where it
 * matters to `perf-report tracy build` (capture/ and csvexport/ as CMake projects of their own,
 * the version headers in public/common/), and two programs that answer like Tracy's: run
 * without arguments, tracy-capture prints its usage text on stdout and exits 1, and
 * tracy-csvexport prints its usage on stderr and exits 1.
 */
export function writeStandInTracy(root: string, options: StandInOptions): void {
  const [major, minor, patch] = options.version.split('.');
  const protocol = options.protocol ?? 76;
  if (options.headers ?? true) {
    // The two spellings of the real headers: enums up to 0.13, constexpr from 0.14.
    const modern = Number(minor) >= 14;
    write(root, 'public/common/TracyVersion.hpp', modern
      ? `namespace tracy::Version\n{\nconstexpr int Major = ${major};\nconstexpr int Minor = ${minor};\nconstexpr int Patch = ${patch};\n}\n`
      : `namespace tracy\n{\nnamespace Version\n{\nenum { Major = ${major} };\nenum { Minor = ${minor} };\nenum { Patch = ${patch} };\n}\n}\n`);
    write(root, 'public/common/TracyProtocol.hpp', modern
      ? `namespace tracy\n{\nconstexpr uint32_t ProtocolVersion = ${protocol};\n}\n`
      : `namespace tracy\n{\nenum : uint32_t { ProtocolVersion = ${protocol} };\n}\n`);
  }
  const banner = (tool: string, stream: string) =>
    options.printsVersion ? `    std::fprintf(${stream}, "${tool} ${options.version} / 0123abc\\n\\n");\n` : '';
  project(root, 'capture', 'tracy-capture',
    `#include <cstdio>\nint main(int argc, char**) {\n  if (argc < 2) {\n${banner('tracy-capture', 'stdout')}` +
      '    std::printf("Usage: capture -o output.tracy [-a address] [-p port] [-f] [-s seconds] [-m memlimit]\\n");\n    return 1;\n  }\n  return 0;\n}\n');
  project(root, 'csvexport', 'tracy-csvexport',
    `#include <cstdio>\nint main(int argc, char**) {\n  if (argc < 2) {\n${banner('tracy-csvexport', 'stderr')}` +
      '    std::fprintf(stderr, "Extract statistics from a trace to a CSV format\\nUsage:\\n  extract [OPTION...] <trace file>\\n");\n    return 1;\n  }\n  return 0;\n}\n');
}

function project(root: string, dir: string, target: string, main: string): void {
  // As Tracy's: C and C++ enabled, C++20, the program named as the project.
  write(root, `${dir}/CMakeLists.txt`,
    `cmake_minimum_required(VERSION 3.16)\nset(CMAKE_CXX_STANDARD 20)\nproject(${target} LANGUAGES C CXX)\n` +
      `add_executable(\${PROJECT_NAME} src/main.cpp)\n`);
  write(root, `${dir}/src/main.cpp`, main);
}

function write(root: string, path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}
