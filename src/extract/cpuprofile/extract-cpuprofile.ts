import { readdir, readFile } from 'node:fs/promises';
import { statInput, unreadableReason } from '../../fs/input-path.js';
import { basename, extname, join } from 'node:path';
import { inputError, messageOf } from '../../errors.js';
import type { FunctionProfile } from '../../model/function-stat.js';
import { withoutVersionSuffix } from '../../model/keys.js';
import { aggregateFunctions } from './aggregate-functions.js';
import { validateCpuProfile } from './cpuprofile-format.js';
import { pathFilter } from './glob.js';

export interface CpuProfileExtractOptions {
  /** Shown paths are relative to it (default: the current directory). */
  projectRoot?: string;
  /** The run's version: a trailing `.<version>` is dropped from profile names. */
  version?: string;
  /** Globs over the shown file path: keep only matching functions… */
  include?: readonly string[];
  /** …and drop these (e.g. `node:*`, `** /node_modules/**`). */
  exclude?: readonly string[];
}

/** One `.cpuprofile` → one profile of function statistics. */
export async function extractCpuProfile(file: string, options: CpuProfileExtractOptions = {}): Promise<FunctionProfile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw inputError(file, unreadableReason(error, 'no such file'), error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw inputError(file, `is not JSON: ${messageOf(error)}`, error);
  }
  const profile = validateCpuProfile(json, file);
  const functions = aggregateFunctions(profile, {
    projectRoot: options.projectRoot ?? process.cwd(),
    keepFile: pathFilter(options.include ?? [], options.exclude ?? []),
  });
  return {
    name: withoutVersionSuffix(basename(file, extname(file)), options.version),
    sourcePath: file,
    functions,
    totalSamples: profile.samples.length,
    durationSeconds: Math.max(0, profile.endTime - profile.startTime) / 1e6,
  };
}

/** A `.cpuprofile` file, or every one below a directory (sorted by path). */
export async function extractAllCpuProfiles(path: string, options: CpuProfileExtractOptions = {}): Promise<FunctionProfile[]> {
  const info = await statInput(path);
  if (!info.isDirectory()) return [await extractCpuProfile(path, options)];
  const files = (await readdir(path, { recursive: true }))
    .filter((name) => extname(name).toLowerCase() === '.cpuprofile')
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) throw inputError(path, 'no .cpuprofile files in this directory');
  const profiles: FunctionProfile[] = [];
  for (const file of files) profiles.push(await extractCpuProfile(file, options));
  return profiles;
}
