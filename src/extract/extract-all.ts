import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { inputError, messageOf } from '../errors.js';
import { makeProfile, type ProfileData } from '../model/profile.js';
import { profileNameFor } from './profile-name.js';
import { csvPathForCapture, exportTracyCapture } from './tracy-export.js';
import { attachRounds } from './rounds-csv.js';
import { parseTracyCsv } from './tracy-csv.js';
import { isRoundsFile } from '../collect/rounds-csv.js';

export interface ExtractOptions {
  /** The run's version: a trailing `.<version>` is dropped from profile names. */
  version?: string;
  /** Path of tracy-csvexport, when not on PATH. */
  csvexport?: string;
}

const PROFILE_EXTENSIONS = new Set(['.csv', '.tracy']);

/** One CSV or `.tracy` capture → one profile. */
export async function extractProfile(file: string, options: ExtractOptions = {}): Promise<ProfileData> {
  const extension = extname(file).toLowerCase();
  let zones;
  if (extension === '.tracy') zones = await exportTracyCapture(file, options.csvexport);
  else if (extension === '.csv' && !isRoundsFile(file)) zones = parseTracyCsv(await readProfileFile(file), file);
  else throw inputError(file, `not a Tracy profile (expected a .csv export or a .tracy capture)`);
  const withRounds = await attachRounds(extension === '.tracy' ? csvPathForCapture(file) : file, zones);
  return makeProfile(profileNameFor(file, options.version), file, withRounds);
}

/**
 * A file, or every `.csv`/`.tracy` directly inside a directory, in name order. A capture
 * and the CSV exported from it (`x.tracy`, `x.csv`) are one profile, read once.
 */
export async function extractAll(path: string, options: ExtractOptions = {}): Promise<ProfileData[]> {
  const files = await profileFilesAt(path);
  const profiles: ProfileData[] = [];
  for (const file of files) profiles.push(await extractProfile(file, options));
  const seen = new Map<string, string>();
  for (const profile of profiles) {
    const earlier = seen.get(profile.name);
    if (earlier) {
      throw inputError(path, `${basename(earlier)} and ${basename(profile.sourcePath)} both give profile "${profile.name}"`);
    }
    seen.set(profile.name, profile.sourcePath);
  }
  return profiles;
}

async function profileFilesAt(path: string): Promise<string[]> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw inputError(path, error.code === 'ENOENT' ? 'no such file or directory' : error.message, error);
  });
  if (!info.isDirectory()) return [path];

  // A run's `.rounds.csv` belongs to its statistics CSV, not a profile of its own.
  const names = (await readdir(path)).filter((name) => PROFILE_EXTENSIONS.has(extname(name).toLowerCase()) && !isRoundsFile(name)).sort();
  const captures = new Set(names.filter((name) => extname(name).toLowerCase() === '.tracy').map((name) => join(path, name)));
  const exportsOfCaptures = new Set([...captures].map(csvPathForCapture));
  const files = names.map((name) => join(path, name)).filter((file) => !exportsOfCaptures.has(file));
  if (files.length === 0) throw inputError(path, 'no .csv or .tracy profiles in this directory');
  return files;
}

async function readProfileFile(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(file, code === 'ENOENT' ? 'no such file' : messageOf(error), error);
  }
}
