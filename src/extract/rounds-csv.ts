import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { ROUNDS_COLUMNS, roundsPathFor } from '../collect/rounds-csv.js';
import { inputError, messageOf } from '../errors.js';
import { plainCsvRows } from './plain-csv.js';
import type { ZoneRound, ZoneStat } from '../model/zone-stat.js';

/**
 * Attaches the per-round statistics of `<stem>.rounds.csv`, when the CSV at `csvPath` has
 * one, to its zones (matched by name, file and line). A zone the rounds file does not list
 * keeps no rounds; a rounds row for a zone the CSV lacks is ignored (a Tracy export can
 * differ from the embedded aggregate by a zone its capture dropped).
 */
export async function attachRounds(csvPath: string, zones: ZoneStat[]): Promise<ZoneStat[]> {
  const path = roundsPathFor(csvPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return zones;
    throw inputError(path, messageOf(error), error);
  }
  const byZone = parseRoundsCsv(text, path);
  return zones.map((zone) => {
    const rounds = byZone.get(zoneKey(zone));
    return rounds ? { ...zone, rounds: rounds.sort((a, b) => a.round - b.round) } : zone;
  });
}

function zoneKey(zone: { name: string; srcFile: string; srcLine: number }): string {
  return `${zone.name}\0${zone.srcFile}\0${zone.srcLine}`;
}

/**
 * The rows of a quote-free rounds file as records by column, as csv-parse's `columns: true`
 * gives them; undefined when the text needs the parser or a row's length differs from the
 * header's (the parser then says which).
 */
function plainRecords(text: string): Record<string, string>[] | undefined {
  const table = plainCsvRows(text, ',');
  const header = table?.[0];
  if (!table || !header || table.some((row) => row.length !== header.length)) return undefined;
  return table.slice(1).map((row) => Object.fromEntries(header.map((column, index) => [column, row[index] as string])));
}

/** The rows of a rounds file, grouped by zone. */
export function parseRoundsCsv(text: string, file: string): Map<string, ZoneRound[]> {
  let rows: Record<string, string>[];
  try {
    rows = plainRecords(text) ?? (parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[]);
  } catch (error) {
    throw inputError(file, `cannot be read as CSV: ${messageOf(error)}`, error);
  }
  const header = Object.keys(rows[0] ?? {});
  const missing = rows.length > 0 ? ROUNDS_COLUMNS.filter((column) => !header.includes(column)) : [];
  if (missing.length > 0) throw inputError(file, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const byZone = new Map<string, ZoneRound[]>();
  rows.forEach((row, index) => {
    const number = (column: (typeof ROUNDS_COLUMNS)[number]): number => {
      const value = Number(row[column]);
      if (row[column] === undefined || row[column]!.trim() === '' || !Number.isFinite(value) || value < 0) {
        throw inputError(file, `row ${index + 2}, column ${column}: "${row[column] ?? ''}" is not a number ≥ 0`);
      }
      return value;
    };
    const round: ZoneRound = {
      round: number('round'),
      counts: number('counts'),
      totalNs: number('total_ns'),
      meanNs: number('mean_ns'),
      minNs: number('min_ns'),
      maxNs: number('max_ns'),
      stdNs: number('std_ns'),
      p10Ns: number('p10_ns'),
      p25Ns: number('p25_ns'),
      medianNs: number('p50_ns'),
      p75Ns: number('p75_ns'),
      p90Ns: number('p90_ns'),
    };
    if (!Number.isInteger(round.round) || round.round < 1) throw inputError(file, `row ${index + 2}, column round: ${round.round} is not a round number (1, 2, …)`);
    const key = zoneKey({ name: row.name ?? '', srcFile: row.src_file ?? '', srcLine: number('src_line') });
    const list = byZone.get(key);
    if (list) list.push(round);
    else byZone.set(key, [round]);
  });
  return byZone;
}
