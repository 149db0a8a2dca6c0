import { USER_ENV } from '../environment.js';
import { join } from 'node:path';
import { cachedTracyBinDir } from './tracy-cache.js';
import { findOnPath, isExecutable } from './find-executable.js';

export type TracyToolName = 'tracy-capture' | 'tracy-csvexport';

/** Where a tool was found: the run's option, its environment variable, PATH, or our build cache. */
export type TracyToolOrigin = 'option' | 'env' | 'PATH' | 'cache';

export interface LocatedTracyTool {
  path: string;
  from: TracyToolOrigin;
}

/** The environment variable that points at each tool. */
export const TRACY_TOOL_ENV: Readonly<Record<TracyToolName, string>> = {
  'tracy-capture': USER_ENV.tracyCapture,
  'tracy-csvexport': USER_ENV.tracyCsvexport,
};

/**
 * Finds one of Tracy's command-line tools: an explicit path (option, then environment
 * variable), then PATH, then what `perf-report tracy build` put in the cache. An explicit
 * path that is not executable is not replaced by another find: the user pointed at that one.
 */
export function locateTracyTool(tool: TracyToolName, explicit?: string, env: NodeJS.ProcessEnv = process.env): LocatedTracyTool | undefined {
  const fromEnvironment = env[TRACY_TOOL_ENV[tool]] || undefined;
  const chosen = explicit ?? fromEnvironment;
  if (chosen) return isExecutable(chosen) ? { path: chosen, from: explicit ? 'option' : 'env' } : undefined;
  const onPath = findOnPath(tool, env);
  if (onPath) return { path: onPath, from: 'PATH' };
  const bin = cachedTracyBinDir(env);
  return bin ? { path: join(bin, tool), from: 'cache' } : undefined;
}

/** The path of locateTracyTool; undefined when the tool is not installed. */
export function findTracyTool(tool: TracyToolName, explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return locateTracyTool(tool, explicit, env)?.path;
}

export const TRACY_INSTALL_HINT =
  "Install Tracy 0.13's capture and csvexport tools (`npx perf-report tracy build` builds them into a per-user cache " +
  'where they are found; or put them on PATH or set TRACY_CSVEXPORT), or export the capture to CSV yourself; test runs ' +
  'without Tracy use the embedded collector and need neither.';
