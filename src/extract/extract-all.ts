import { readdir, readFile } from 'node:fs/promises';
import { statInput, unreadableReason } from '../fs/input-path.js';
import { basename, extname, join } from 'node:path';
import { inputError } from '../errors.js';
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
  // A header without rows is a run that recorded nothing: storing it would hide that.
  if (zones.length === 0) throw inputError(file, extension === '.tracy' ? 'the capture holds no zones: nothing to store' : 'holds a header but no zone rows: nothing to store');
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
  const info = await statInput(path);
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
    throw inputError(file, unreadableReason(error, 'no such file'), error);
  }
}
