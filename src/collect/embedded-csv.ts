import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { workError, messageOf } from '../errors.js';
import type { ZoneStat } from '../model/zone-stat.js';
import { formatZoneCsv } from './zone-csv.js';

/**
 * Saves the embedded collector's aggregate as `<out>/<name>.<version>.csv`, in
 * tracy-csvexport's format, so the offline pipeline reads it as it would a Tracy export.
 */
export async function saveEmbeddedCsv(csvPath: string, zones: readonly ZoneStat[]): Promise<void> {
  try {
    await mkdir(dirname(csvPath), { recursive: true });
    await writeFile(csvPath, formatZoneCsv(zones));
  } catch (error) {
    throw workError(csvPath, `cannot write the zone statistics: ${messageOf(error)}`, error);
  }
}
