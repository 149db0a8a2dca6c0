import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { workError, messageOf } from '../errors.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { formatRoundsCsv, roundsPathFor } from './rounds-csv.js';
import { formatZoneCsv } from './zone-csv.js';

/**
 * Saves the embedded collector's aggregate as `<out>/<name>.<version>.csv`, in
 * tracy-csvexport's format, so the offline pipeline reads it as it would a Tracy export.
 */
export async function saveEmbeddedCsv(csvPath: string, zones: readonly ZoneStat[]): Promise<void> {
  await writeText(csvPath, formatZoneCsv(zones), 'the zone statistics');
}

/** Saves the zones' per-round statistics beside the run's CSV (`<stem>.rounds.csv`); returns its path. */
export async function saveRoundsCsv(csvPath: string, zones: readonly ZoneStat[]): Promise<string> {
  const path = roundsPathFor(csvPath);
  await writeText(path, formatRoundsCsv(zones), 'the per-round statistics');
  return path;
}

async function writeText(path: string, text: string, what: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (error) {
    throw workError(path, `cannot write ${what}: ${messageOf(error)}`, error);
  }
}
