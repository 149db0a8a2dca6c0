import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import semver from 'semver';
import { isExecutable } from './find-executable.js';

/**
 * Where `perf-report tracy build` installs Tracy's tools when no --prefix is given:
 * `$XDG_CACHE_HOME/perf-report/tracy`, or `~/.cache/perf-report/tracy`. A build is a cache in
 * the XDG sense: it can be deleted and made again. A relative XDG_CACHE_HOME is ignored, as
 * the XDG base directory specification asks.
 */
export function tracyCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'perf-report', 'tracy');
}

/** The install prefix of one release in the cache; its tools are in `bin/`. */
export function tracyCachePrefix(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(tracyCacheRoot(env), version);
}

/**
 * Where CMake keeps the sources of Tracy's dependencies (CPM's source cache) between builds:
 * capture/ and csvexport/ need the same ones, and a second build then needs no download.
 * Its name is not a version, so the tool lookup below never takes it for a release.
 */
export function tracyDependencyCache(env: NodeJS.ProcessEnv = process.env): string {
  return join(tracyCacheRoot(env), 'dependency-sources');
}

/**
 * The `bin/` of the newest release in the cache that has both tools: the capture and its
 * export must come from one release, since a tracy-csvexport cannot read a capture written
 * by a newer Tracy. Undefined when nothing usable was built.
 */
export function cachedTracyBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(tracyCacheRoot(env));
  } catch {
    return undefined;
  }
  const releases = entries.filter((name) => semver.valid(name) !== null).sort(semver.rcompare);
  for (const release of releases) {
    const bin = join(tracyCacheRoot(env), release, 'bin');
    if (isExecutable(join(bin, 'tracy-capture')) && isExecutable(join(bin, 'tracy-csvexport'))) return bin;
  }
  return undefined;
}
